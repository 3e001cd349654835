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
