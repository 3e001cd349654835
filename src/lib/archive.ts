/** Page size of the archive, fixed by the product: 20 letters a page. */
export const ARCHIVE_PAGE_SIZE = 20;

/** Distinct publication years, newest first. */
export function yearsOf(dates: readonly Date[]): number[] {
  return [...new Set(dates.map((date) => date.getUTCFullYear()))].sort((a, b) => b - a);
}

/** How many letters each topic id has. */
export function countByTopic(letters: readonly { topics: readonly string[] }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const letter of letters) for (const topic of letter.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return counts;
}

/** The home page leads with the newest letter marked featured, or simply the newest. */
export function pickFeatured<T extends { featured: boolean }>(newestFirst: readonly T[]): T | undefined {
  return newestFirst.find((letter) => letter.featured) ?? newestFirst[0];
}
