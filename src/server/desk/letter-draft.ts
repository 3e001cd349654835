import { frontmatterYaml, slugify } from '../../lib/letter-file';
import { draftSourceSchema, type DraftKnownIds } from '../../schemas/letter-draft';

/** What the draft generator needs from a question (plain data, no database types). */
export interface DraftQuestion {
  id: number;
  pseudonym: string;
  topic: string;
  body: string;
}

export interface LetterDraft {
  /** `YYYY-MM-DD-slug.mdx`, ready for content/letters/. */
  fileName: string;
  slug: string;
  content: string;
}

export interface DraftOptions extends DraftKnownIds {
  /** Columnist id (file name in content/columnists/) who will answer. */
  columnist: string;
  now: Date;
}

/** The editor must replace these before publishing; the placeholders say so in plain words. */
export const HEADLINE_PLACEHOLDER = 'REPLACE THIS HEADLINE with the reader’s question in one line';
export const SUMMARY_PLACEHOLDER = 'REPLACE THIS SUMMARY with one sentence that says what the letter is about.';

/** A question or option that must not become a draft; the message says which value and why. */
export class DraftInputError extends Error {
  override name = 'DraftInputError';
}

/**
 * The reader's paragraphs: split at blank lines (whitespace-only lines count as blank), each trimmed,
 * empty ones dropped. Text inside a paragraph is kept as typed, line breaks included.
 */
export function letterParagraphs(text: string): string[] {
  return text
    .toWellFormed()
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * One paragraph of reader text as MDX that can only ever be a string: a JSX `<p>` around a single
 * JavaScript string literal. JSON.stringify escapes quotes, backslashes and every control character
 * (so the literal stays on one line); braces become \u escapes so that even a tool that counts braces
 * without reading strings finds the expression's end where the writer put it.
 */
export function paragraphAsMdx(paragraph: string): string {
  const literal = JSON.stringify(paragraph).replace(/[{}]/g, (c) => (c === '{' ? '\\u007B' : '\\u007D'));
  return `<p>{${literal}}</p>`;
}

/** Lower-case words joined by hyphens: the letter's id in its URL. */
export function slugFromText(text: string, maxWords = 6): string {
  return slugify(text, maxWords) || 'letter';
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * An MDX draft of a letter from a reader's question: frontmatter filled as far as the question allows
 * (draft, pseudonym, topic, columnist, dates), the question inside <Letter>, and an empty <Answer> for
 * the columnist. The question and every value taken from it are checked with the rules live input
 * passes (a topic that exists, a pseudonym /ask would accept); a value that fails throws DraftInputError.
 * Reader text reaches the file only as string data: YAML scalars from the serializer and one JSX
 * string literal per paragraph, so no text a reader types can become MDX, JSX or JavaScript source.
 */
export function buildLetterDraft(q: DraftQuestion, options: DraftOptions): LetterDraft {
  const parsed = draftSourceSchema(options).safeParse({ ...q, columnist: options.columnist });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'question';
    throw new DraftInputError(
      `Question #${String(q.id)} cannot become a draft: ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const { id, pseudonym, topic, body, columnist } = parsed.data;
  const date = isoDate(options.now);
  const slug = `${slugFromText(body)}-q${String(id)}`;
  const paragraphs = letterParagraphs(body);
  const fm = frontmatterYaml({
    headline: HEADLINE_PLACEHOLDER,
    summary: SUMMARY_PLACEHOLDER,
    pubDate: date,
    columnist,
    pseudonym,
    topics: [topic],
    brands: [],
    draft: true,
  });
  const content = `---
${fm}---

{/* Drafted at the desk from question #${String(id)} on ${date}. Edit the headline and summary, write the answer, then set draft: false. The reader's words are quoted strings: edit them inside the quotes. */}

<Letter>

${paragraphs.map(paragraphAsMdx).join('\n\n')}

</Letter>

<Answer>

</Answer>
`;
  return { fileName: `${date}-${slug}.mdx`, slug, content };
}
