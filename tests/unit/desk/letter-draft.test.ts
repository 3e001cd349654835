import { compile, createProcessor, evaluate } from '@mdx-js/mdx';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { createElement, type ReactNode } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { pseudonymProblem } from '../../../src/lib/question-rules';
import {
  buildLetterDraft,
  DraftInputError,
  HEADLINE_PLACEHOLDER,
  letterParagraphs,
  slugFromText,
  type DraftQuestion,
} from '../../../src/server/desk/letter-draft';

const known = { topics: new Set(['first-bag', 'care-repair']), columnists: new Set(['pursebop', 'ines-hartley']) };
const now = new Date('2026-11-30T10:00:00Z');

function draftOf(q: Partial<DraftQuestion>) {
  return buildLetterDraft(
    { id: 42, pseudonym: 'Nervous "First" Buyer', topic: 'first-bag', body: 'Should my first bag be a Kelly?', ...q },
    { columnist: 'pursebop', now, ...known },
  );
}

/** Frontmatter and body the way Astro splits an MDX file: the YAML between the first two `---` fences. */
function splitDraft(content: string): { frontmatter: Record<string, unknown>; body: string } {
  const match = /^---\n([\s\S]*?\n)---\n/.exec(content);
  if (!match?.[1]) throw new Error('no frontmatter');
  return { frontmatter: yaml.load(match[1]) as Record<string, unknown>, body: content.slice(match[0].length) };
}

interface MdxNode {
  type: string;
  name?: string | null;
  value?: string;
  children?: MdxNode[];
  data?: { estree?: { body: { type: string; expression?: { type: string; value?: unknown } }[] } };
}

const EXPRESSION_TYPES = new Set(['mdxFlowExpression', 'mdxTextExpression']);

/**
 * Walks the MDX syntax tree and returns the reader's paragraphs as the file carries them. It fails on
 * anything that could be code from reader text: any ESM, any element other than the draft's own, any
 * expression other than the leading comment or one plain string literal as the only child of a <p>.
 */
function readerStringsIn(body: string): string[] {
  const tree = createProcessor().parse(body) as MdxNode;
  const strings: string[] = [];
  let comments = 0;
  const visit = (node: MdxNode, parent: MdxNode | undefined): void => {
    if (node.type === 'mdxjsEsm') throw new Error(`ESM in the draft: ${node.value ?? ''}`);
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      if (!['Letter', 'Answer', 'p'].includes(node.name ?? ''))
        throw new Error(`unexpected element <${node.name ?? ''}>`);
    }
    if (EXPRESSION_TYPES.has(node.type)) {
      const statements = node.data?.estree?.body ?? [];
      if (statements.length === 0 && parent?.type === 'root' && comments === 0) {
        comments++;
      } else {
        const only = statements[0];
        const literal = statements.length === 1 && only?.type === 'ExpressionStatement' ? only.expression : undefined;
        if (literal?.type !== 'Literal' || typeof literal.value !== 'string') {
          throw new Error(`an expression that is not a string literal: {${node.value ?? ''}}`);
        }
        if (parent?.name !== 'p' || parent.children?.length !== 1) throw new Error('a string outside its own <p>');
        strings.push(literal.value);
      }
    }
    for (const child of node.children ?? []) visit(child, node);
  };
  visit(tree, undefined);
  return strings;
}

const components = {
  Letter: ({ children }: { children?: ReactNode }) => createElement('section', { 'data-part': 'letter' }, children),
  Answer: ({ children }: { children?: ReactNode }) => createElement('section', { 'data-part': 'answer' }, children),
};

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" };

/** Runs the compiled draft and returns the text of each rendered <p> inside the letter. */
async function renderedParagraphs(body: string): Promise<string[]> {
  const { default: Content } = await evaluate(body, { ...runtime, baseUrl: import.meta.url });
  const html = renderToStaticMarkup(createElement(Content, { components }));
  const letter = /<section data-part="letter">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  expect(html).toContain('<section data-part="answer"></section>');
  return [...letter.matchAll(/<p>([^<]*)<\/p>/g)].map((m) =>
    (m[1] ?? '').replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => ENTITIES[e] ?? e),
  );
}

/** Compiles, inspects and renders a draft, and checks the reader's paragraphs come back exactly. */
async function expectDataOnly(content: string, paragraphs: readonly string[]): Promise<void> {
  const { body } = splitDraft(content);
  await compile(body);
  expect(readerStringsIn(body)).toEqual(paragraphs);
  expect(await renderedParagraphs(body)).toEqual(paragraphs);
}

describe('buildLetterDraft', () => {
  // Built inside each test, not as the file loads, so that mutation testing sees which tests read it.
  const kelly = () =>
    draftOf({
      body: 'Should my first bag be a Kelly?\n\nI have saved for {two} years <and> my *budget* is $9,000.\n# not a heading\n- not a list',
    });

  it('names the file by date and a slug from the question', () => {
    const draft = kelly();
    expect(draft.fileName).toBe('2026-11-30-should-my-first-bag-be-a-q42.mdx');
    expect(draft.slug).toBe('should-my-first-bag-be-a-q42');
  });

  it('fills the frontmatter through the YAML serializer and marks it a draft', () => {
    expect(splitDraft(kelly().content).frontmatter).toEqual({
      headline: HEADLINE_PLACEHOLDER,
      summary: expect.stringContaining('REPLACE THIS SUMMARY') as unknown,
      pubDate: '2026-11-30',
      columnist: 'pursebop',
      pseudonym: 'Nervous "First" Buyer',
      topics: ['first-bag'],
      brands: [],
      draft: true,
    });
  });

  it('puts each paragraph in <Letter> as a quoted string and leaves <Answer> empty', async () => {
    const draft = kelly();
    expect(draft.content).toContain('<Letter>\n\n<p>{"Should my first bag be a Kelly?"}</p>\n\n<p>{"I have saved for');
    expect(draft.content).toMatch(/<Answer>\n\n<\/Answer>\n$/);
    await expectDataOnly(draft.content, [
      'Should my first bag be a Kelly?',
      'I have saved for {two} years <and> my *budget* is $9,000.\n# not a heading\n- not a list',
    ]);
  });

  it('keeps ESM in a question as text: the attack from the security review', async () => {
    const attack = [
      "import cp from 'node:child_process'",
      "export const x = cp.execSync('touch pwned')",
      "  \timport fs from 'node:fs'",
      '\u00a0export default function Layout() {}',
      'export fees on my bag were high, and {process.exit(1)} was all I could think.',
    ];
    const d = draftOf({ body: attack.join('\n\n') });
    expect(d.content).not.toMatch(/^\s*(?:import|export)\b/m);
    await expectDataOnly(
      d.content,
      attack.map((p) => p.trim()),
    );
  });

  it('keeps backslashes exactly, before braces, quotes and at the end', async () => {
    const text = ['C:\\{bags}', 'a \\" quote \\\\ and \\n not a newline', 'ends with \\'];
    const d = draftOf({ body: text.join('\n\n') });
    expect(d.content).toContain('<p>{"C:\\\\\\u007Bbags\\u007D"}</p>');
    await expectDataOnly(d.content, text);
  });

  it('turns line endings into \\n and lone surrogates into U+FFFD', async () => {
    const d = draftOf({ body: 'one\r\ntwo\r\n \r\nthree\ud800' });
    await expectDataOnly(d.content, ['one\ntwo', 'three\ufffd']);
  });
});

describe('buildLetterDraft checks what it takes from the question', () => {
  const refused: [string, Partial<DraftQuestion>, RegExp][] = [
    ['a topic that does not exist', { topic: 'no-such-topic' }, /topic: not a topic/],
    ['a topic carrying YAML', { topic: 'first-bag]\nfeatured: true\nx: [' }, /topic/],
    ['an empty pseudonym', { pseudonym: '  ' }, /pseudonym/],
    ['a pseudonym /ask would refuse', { pseudonym: 'x'.repeat(61) }, /pseudonym/],
    ['an empty question', { body: ' \n ' }, /body: the question is empty/],
    ['a question number that is not one', { id: -1 }, /id/],
  ];
  for (const [what, q, message] of refused) {
    it(`refuses ${what}`, () => {
      expect(() => draftOf(q)).toThrow(DraftInputError);
      expect(() => draftOf(q)).toThrow(message);
    });
  }

  it('refuses a columnist that does not exist', () => {
    expect(() =>
      buildLetterDraft(
        { id: 1, pseudonym: 'Fine Name', topic: 'first-bag', body: 'text' },
        { columnist: 'mallory\nfeatured: true', now, ...known },
      ),
    ).toThrow(/columnist: not a columnist/);
  });

  it('names its refusal, so a log line says what kind of error it was', () => {
    let caught: unknown;
    try {
      draftOf({ topic: 'no-such-topic' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DraftInputError);
    expect(String(caught)).toMatch(/^DraftInputError: Question #\d+ cannot become a draft: topic: /);
  });
});

// Every construct MDX or Markdown gives meaning to, plus characters that have tripped serializers.
const MDX_CONSTRUCTS = [
  "import cp from 'node:child_process'",
  'export const x = 1',
  'export default function X() {}',
  '{process.exit(1)}',
  '{/* comment */}',
  '{',
  '}',
  '{{',
  '}}',
  '${x}',
  '<Letter>',
  '</Letter>',
  '<Answer />',
  '<p>',
  '</p>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<b>bold</b>',
  '<!-- comment -->',
  '-->',
  '<x y={1} />',
  '[ref]: https://example.com',
  '[link][ref]',
  '[text](javascript:alert(1))',
  '![image](x.png)',
  '<https://example.com>',
  'Title\n===',
  'Sub\n---',
  '---',
  '***',
  '```js\nconsole.log(1)\n```',
  '~~~',
  '    indented code',
  '# heading',
  '- item',
  '1. item',
  '> quote',
  '| a | b |\n| - | - |',
  '*emphasis*',
  '_under_',
  '`code`',
  '\\',
  '\\\\',
  'C:\\{bags}',
  '\\n',
  '"',
  "'",
  '&amp;',
  '&#123;',
  '&lt;p&gt;',
  '*/',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u0000',
  '\u007f',
  '\ufeff',
  '\ufffe',
  '\u202e',
  '\u00a0',
  '\t',
  '\n',
  ' ',
  '👜',
  '👩🏽‍🦱',
];

/** A paragraph with no blank line inside it; the text the reader typed between two blank lines. */
const paragraph = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...MDX_CONSTRUCTS) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((pieces) =>
    pieces
      .join('')
      .replace(/\r/g, '')
      .replace(/\n(?=\s*\n)/g, ' ')
      .trim(),
  )
  .filter((p) => p.length > 0);

const separator = fc.constantFrom('\n\n', '\r\n\r\n', '\n \t\n', '\n\n\n\u00a0\n', '\r\r');

const edge = fc.constantFrom('', ' ', '\n', '\r\n \r\n', '\ufeff', '\u00a0\n\t');

/** Paragraphs joined by blank lines the way a browser might send them, with blank space around. */
const question = fc
  .tuple(fc.array(paragraph, { minLength: 1, maxLength: 6 }), separator, edge, edge)
  .map(([paragraphs, sep, before, after]) => ({ paragraphs, body: `${before}${paragraphs.join(sep)}${after}` }));

const pseudonym = fc
  .string({ unit: 'binary', minLength: 2, maxLength: 60 })
  .filter((p) => pseudonymProblem(p.trim()) === undefined);

describe('drafts from arbitrary reader text (property)', () => {
  // Each run compiles and evaluates an MDX file: the time limit is generous so a busy machine does not fail it.
  it('compile, carry no code from the reader, and render every paragraph exactly', async () => {
    await fc.assert(
      fc.asyncProperty(question, pseudonym, async ({ paragraphs, body }, name) => {
        const d = draftOf({ body, pseudonym: name });
        expect(splitDraft(d.content).frontmatter.pseudonym).toBe(name.trim());
        await expectDataOnly(d.content, paragraphs);
      }),
      { numRuns: 100 },
    );
  }, 180_000);

  it('lose no character of the reader’s text but whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(letterParagraphs(text).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});

describe('slugFromText', () => {
  it('folds accents and punctuation', () => {
    expect(slugFromText('Hermès: quota — or not?')).toBe('hermes-quota-or-not');
  });
  it('never returns an empty slug', () => {
    expect(slugFromText('!!!')).toBe('letter');
  });
});
