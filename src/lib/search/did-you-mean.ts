import { STOP_WORDS } from './excerpt';

/** The words of a text a reader might search for: lower case, three letters or more. */
export function vocabularyWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}’'-]*\p{L}/gu) ?? []).filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
}

/** Texts → their words, most frequent first, at most `limit` of them. */
export function buildVocabulary(texts: readonly string[], limit = 20_000): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of vocabularyWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([word]) => word);
}

/** Edit distance where swapping two neighbouring letters counts as one slip ("speical"). */
export function typoDistance(a: string, b: string, ceiling: number): number {
  if (Math.abs(a.length - b.length) > ceiling) return ceiling + 1;
  const width = b.length + 1;
  // One flat table, (a.length + 1) rows by (b.length + 1) columns.
  const d = new Uint16Array((a.length + 1) * width);
  const at = (i: number, j: number) => d[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i++) d[i * width] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      // In the first row or column a[-1] or b[-1] is undefined and matches no letter: no bounds test is needed.
      if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * A corrected query when a word of `query` is in none of the site's words and one is a slip
 * away ("Birkn" → "birkin", "speical ordr" → "special order"); undefined when nothing changes.
 * `vocabulary` is ordered most frequent first, which settles ties.
 */
export function didYouMean(query: string, vocabulary: readonly string[]): string | undefined {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const known = new Set(vocabulary);
  const fixed = words.map((word) => {
    if (word.length < 3 || STOP_WORDS.has(word) || known.has(word)) return word;
    // Pagefind matches the start of words, so a prefix of a real word is not a slip.
    if (vocabulary.some((v) => v.startsWith(word))) return word;
    const ceiling = word.length <= 4 ? 1 : 2;
    const best = { word: '', distance: ceiling + 1 };
    for (const candidate of vocabulary) {
      const distance = typoDistance(word, candidate, ceiling);
      if (distance < best.distance) Object.assign(best, { word: candidate, distance });
    }
    return best.word === '' ? word : best.word;
  });
  return fixed.some((w, i) => w !== words[i]) ? fixed.join(' ') : undefined;
}
