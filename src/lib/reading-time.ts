const WORDS_PER_MINUTE = 220;

/** Counts words in MDX source, ignoring component tags, frontmatter fences and Markdown punctuation. */
export function countWords(mdx: string): number {
  const text = mdx
    .replace(/<[^>]*>/g, ' ')
    .replace(/\[\^[^\]]*\]:?/g, ' ')
    .replace(/[#*_>`|~[\]()-]/g, ' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Whole minutes, never less than one, so the byline can say "4 min read". */
export function readingMinutes(mdx: string): number {
  return Math.max(1, Math.round(countWords(mdx) / WORDS_PER_MINUTE));
}
