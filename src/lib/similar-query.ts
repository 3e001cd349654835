import { wordsOf } from './word-count';

/** Words that say nothing about a question's subject. */
const STOPWORDS = new Set(
  `about above after again against also although always among another anyone anything because been before being
  below between both cannot could does doing done during each either else enough even ever every from further have
  having here hers herself himself into itself just know like maybe might mine more most much must myself never
  none only other ought ours ourselves over own please quite rather really same should since some something still
  such than that their theirs them themselves then there these they thing things think this those though through
  thus together under until very want wants wanted was were what when where whether which while will with within
  without would your yours yourself yourselves dear purse pursebop thank thanks question advice help`.split(/\s+/),
);

/**
 * The few words of a question most likely to name its subject: longer, repeated,
 * not filler. Search engines match all terms of a query, so callers search each word
 * on its own and combine the results.
 */
export function subjectWords(text: string, max = 6): string[] {
  const counts = new Map<string, number>();
  for (const raw of wordsOf(text)) {
    const w = raw.toLowerCase().replace(/['’]s$/, '');
    if (w.length < 4 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
    .slice(0, max)
    .map(([w]) => w);
}

/** One hit for one word: which page and how well it matched. */
export interface WordHit {
  id: string;
  score: number;
}

/**
 * Ranks pages by how many of the subject words they matched, then by total score,
 * and keeps those matching at least `minWords` of them.
 */
export function rankByWords(hitsPerWord: readonly (readonly WordHit[])[], limit = 3, minWords = 2): string[] {
  const tally = new Map<string, { words: number; score: number }>();
  for (const hits of hitsPerWord) {
    for (const hit of hits) {
      const t = tally.get(hit.id) ?? { words: 0, score: 0 };
      tally.set(hit.id, { words: t.words + 1, score: t.score + hit.score });
    }
  }
  const needed = Math.min(minWords, hitsPerWord.length);
  return [...tally.entries()]
    .filter(([, t]) => t.words >= needed)
    .sort((a, b) => b[1].words - a[1].words || b[1].score - a[1].score)
    .slice(0, limit)
    .map(([id]) => id);
}
