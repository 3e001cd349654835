// MDX components are called by the content renderer without props from the page, so the page
// registers what they need against its own Request object. A WeakMap keyed by that request is
// scoped to one render, works identically in static builds, on demand and in the Container API,
// and lets the data be collected once the page is gone.

/** What the letter and answer components need from the letter's frontmatter. */
export interface LetterRenderContext {
  /** How the writer signed the letter. */
  pseudonym: string;
  /** Name the answer is signed with. */
  columnistName: string;
  /** Site-relative link to the columnist's page. */
  columnistPath: string;
}

const contexts = new WeakMap<Request, LetterRenderContext>();

/** Called by the letter page before it renders the MDX content. */
export function provideLetterContext(request: Request, context: LetterRenderContext): void {
  contexts.set(request, context);
}

/** Called by <Letter> and <Answer>; fails loudly when used outside a letter page. */
export function readLetterContext(request: Request, component: string): LetterRenderContext {
  const context = contexts.get(request);
  if (!context) throw new Error(`<${component}> can only be used inside a letter (content/letters/*.mdx).`);
  return context;
}
