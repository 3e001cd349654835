import { frontmatterYaml, slugify } from './letter-file';

export { slugify };

/** What the editor typed and what the script found in content/. */
export interface ScaffoldInput {
  headline: string;
  /** The day the file is created, YYYY-MM-DD; also the provisional pubDate. */
  day: string;
  columnist: string;
  topic: string;
}

/** Checks the headline before a file is written, mirroring the schema's limits. */
export function headlineProblem(headline: string): string | undefined {
  const trimmed = headline.trim();
  if (trimmed.length < 8) return 'The headline must be at least 8 characters (it is the reader’s question).';
  if (trimmed.length > 140) return 'The headline must be at most 140 characters.';
  if (!slugify(trimmed)) return 'The headline needs some letters or digits to build the file name from.';
  return undefined;
}

/** File name under content/letters/: the date keeps files in order, the slug becomes the URL. */
export function letterFileName(input: Pick<ScaffoldInput, 'headline' | 'day'>): string {
  return `${input.day}-${slugify(input.headline)}.mdx`;
}

/** A new draft with every frontmatter field and the letter/answer components in place. */
export function scaffoldLetter(input: ScaffoldInput): string {
  return `---
headline: ${frontmatterYaml({ headline: input.headline.trim() }).trimEnd().slice('headline: '.length)}
summary: "One sentence that tells a reader what this letter is about."
pubDate: ${input.day}
# updatedDate: ${input.day}
columnist: ${input.columnist}
pseudonym: "Signed As"
topics: [${input.topic}]
brands: []
# hero:
#   image: ./images/your-picture.jpg
#   alt: "What the picture shows"
#   credit: "Who made it"
draft: true
featured: false
related: []
# followUpTo: slug-of-the-earlier-letter
---

<Letter>

The reader's letter goes here. "Dear PurseBop," and the sign-off are added for you.

</Letter>

<Answer>

The answer goes here. The salutation is built from the pseudonym and the columnist's signature is added.

</Answer>
`;
}
