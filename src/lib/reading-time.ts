import { countWords } from './word-count';

const WORDS_PER_MINUTE = 220;

/** The readable text of MDX source: component tags and footnote markers removed; words count as everywhere else. */
export function mdxProse(mdx: string): string {
  return mdx.replace(/<[^>]*>/g, ' ').replace(/\[\^[^\]]*\]:?/g, ' ');
}

/** Whole minutes, never less than one, so the byline can say "4 min read". */
export function readingMinutes(mdx: string): number {
  return Math.max(1, Math.round(countWords(mdxProse(mdx)) / WORDS_PER_MINUTE));
}
