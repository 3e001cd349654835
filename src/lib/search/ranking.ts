/**
 * Pagefind ranking settings for the column. Together with the page weights (headline 10,
 * summary 5, letter 3, answer 1) they make a word in the headline or letter outrank the same
 * word repeated deep in a long answer.
 */
export const searchRanking = {
  // Repeating a word many times in a long answer should stop adding score quickly.
  termSaturation: 1.0,
  // Long letters are not at fault for being long; soften the length penalty.
  pageLength: 0.5,
  termFrequency: 1.0,
} as const;

/** Words of context around a match in excerpts. */
export const searchExcerptLength = 24;
