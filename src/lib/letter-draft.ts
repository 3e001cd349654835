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

/** The editor must replace these before publishing; the placeholders say so in plain words. */
export const HEADLINE_PLACEHOLDER = 'REPLACE THIS HEADLINE with the reader’s question in one line';
export const SUMMARY_PLACEHOLDER = 'REPLACE THIS SUMMARY with one sentence that says what the letter is about.';

/** A YAML double-quoted scalar: JSON's escaping is a valid subset of YAML's. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

/**
 * Turns the reader's plain text into MDX text that renders exactly as typed: characters
 * MDX or Markdown would read as syntax are backslash-escaped, and paragraphs are kept.
 */
export function escapeMdxText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((para) =>
      para
        .trim()
        .split('\n')
        .map((line) =>
          line
            .trim()
            .replace(/[\\`*_{}[\]<>#|~!&]/g, (c) => `\\${c}`)
            .replace(/^([-+=]|\d+[.)])/, '\\$1'),
        )
        .join('\n'),
    )
    .filter((para) => para.length > 0)
    .join('\n\n');
}

/** Lower-case words joined by hyphens: the letter's id in its URL. */
export function slugFromText(text: string, maxWords = 6): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, maxWords);
  return words.join('-') || 'letter';
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * An MDX draft of a letter from a reader's question: frontmatter filled as far as the
 * question allows (draft, pseudonym, topic, columnist, dates), the question inside
 * <Letter>, and an empty <Answer> for the columnist.
 */
export function buildLetterDraft(q: DraftQuestion, options: { columnist: string; now: Date }): LetterDraft {
  const date = isoDate(options.now);
  const slug = `${slugFromText(q.body)}-q${String(q.id)}`;
  const frontmatter = [
    '---',
    `headline: ${yamlString(HEADLINE_PLACEHOLDER)}`,
    `summary: ${yamlString(SUMMARY_PLACEHOLDER)}`,
    `pubDate: ${date}`,
    `columnist: ${options.columnist}`,
    `pseudonym: ${yamlString(q.pseudonym.trim())}`,
    `topics: [${q.topic}]`,
    'brands: []',
    'draft: true',
    '---',
  ].join('\n');
  const content = `${frontmatter}

{/* Drafted at the desk from question #${String(q.id)} on ${date}. Edit the headline and summary, write the answer, then set draft: false. */}

<Letter>

${escapeMdxText(q.body)}

</Letter>

<Answer>

</Answer>
`;
  return { fileName: `${date}-${slug}.mdx`, slug, content };
}
