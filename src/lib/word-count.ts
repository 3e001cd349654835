/**
 * A word is a run of letters or digits, allowing inner apostrophes and hyphens
 * ("don't", "Kelly-style"); punctuation, emoji and stray symbols never count.
 */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Number of words in `text`, the same on the server and in the browser. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** The words themselves, in order; used to build search queries from a question. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}
