/** The minimum a letter needs for ranking related letters. */
export interface RelatableLetter {
  id: string;
  topics: readonly string[];
  pubDate: Date;
}

/**
 * Pinned letters first (in the editor's order), then the letters sharing the most topics,
 * newer first on ties. The letter itself and unknown pins are never returned.
 */
export function pickRelated<T extends RelatableLetter>(
  current: RelatableLetter,
  pinnedIds: readonly string[],
  candidates: readonly T[],
  limit = 3,
): T[] {
  const byId = new Map(candidates.map((letter) => [letter.id, letter]));
  const chosen: T[] = [];
  for (const id of pinnedIds) {
    const pinned = byId.get(id);
    if (pinned && pinned.id !== current.id && !chosen.includes(pinned)) chosen.push(pinned);
  }
  const shared = (letter: RelatableLetter) => letter.topics.filter((topic) => current.topics.includes(topic)).length;
  const rest = candidates
    .filter((letter) => letter.id !== current.id && !chosen.includes(letter) && shared(letter) > 0)
    .sort((a, b) => shared(b) - shared(a) || b.pubDate.getTime() - a.pubDate.getTime());
  return [...chosen, ...rest].slice(0, limit);
}

/** Neighbours in a newest-first list: `newer` is the next letter published, `older` the one before. */
export function neighbours<T extends { id: string }>(
  newestFirst: readonly T[],
  id: string,
): { newer: T | undefined; older: T | undefined } {
  const index = newestFirst.findIndex((letter) => letter.id === id);
  if (index < 0) return { newer: undefined, older: undefined };
  return { newer: newestFirst[index - 1], older: newestFirst[index + 1] };
}

/** Every non-empty subset of a letter's topics (at most four topics, so at most fifteen keys). */
function topicSubsets(topics: readonly string[]): string[][] {
  const unique = [...new Set(topics)].sort();
  const subsets: string[][] = [];
  for (let mask = 1; mask < 1 << unique.length; mask++) subsets.push(unique.filter((_, bit) => (mask >> bit) & 1));
  return subsets;
}

const subsetKey = (topics: readonly string[]) => topics.join('\0');

/**
 * The same choice as `pickRelated` for every letter of a catalogue, without scanning the catalogue per
 * letter: letters are filed once under each subset of their topics (newest first), so the letters
 * sharing k topics with a page are the union of a few short lists, of which only the first few count.
 */
export function relatedIndex<T extends RelatableLetter>(newestFirst: readonly T[]) {
  const byId = new Map(newestFirst.map((letter) => [letter.id, letter]));
  const position = new Map(newestFirst.map((letter, index) => [letter.id, index]));
  const bySubset = new Map<string, T[]>();
  for (const letter of newestFirst) {
    for (const subset of topicSubsets(letter.topics)) {
      const key = subsetKey(subset);
      const list = bySubset.get(key);
      if (list) list.push(letter);
      else bySubset.set(key, [letter]);
    }
  }
  // Stable order on equal dates, like the catalogue order `pickRelated` sorts stably from.
  const newer = (a: T, b: T) =>
    b.pubDate.getTime() - a.pubDate.getTime() || (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0);

  return (current: RelatableLetter, pinnedIds: readonly string[], limit = 3): T[] => {
    const chosen: T[] = [];
    for (const id of pinnedIds) {
      const pinned = byId.get(id);
      if (pinned && pinned.id !== current.id && !chosen.includes(pinned)) chosen.push(pinned);
    }
    const subsets = topicSubsets(current.topics);
    const widest = subsets.reduce((n, s) => Math.max(n, s.length), 0);
    // From most shared topics down: every letter sharing more than k was taken at an earlier level.
    for (let k = widest; k >= 1 && chosen.length < limit; k--) {
      const need = limit - chosen.length;
      const level: T[] = [];
      for (const subset of subsets) {
        if (subset.length !== k) continue;
        let taken = 0;
        for (const letter of bySubset.get(subsetKey(subset)) ?? []) {
          if (taken >= need) break;
          if (letter.id === current.id || chosen.includes(letter) || level.includes(letter)) continue;
          level.push(letter);
          taken++;
        }
      }
      chosen.push(...level.sort(newer).slice(0, need));
    }
    return chosen.slice(0, limit);
  };
}
