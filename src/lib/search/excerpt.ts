/** One run of excerpt text; `marked` runs are the words that matched the query. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/**
 * Splits a Pagefind excerpt into plain and highlighted runs.
 * Pagefind returns the page text unescaped with only <mark> added, so the excerpt is never
 * treated as HTML: anything other than the mark tags stays literal text.
 */
export function splitExcerpt(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece.length > 0) parts.push({ text: piece, marked });
  }
  return parts;
}
