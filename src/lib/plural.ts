/**
 * English number agreement for counts shown to people: one rule for the site, the desk and
 * the mail, so no text ever falls back to "reply(ies)". Only exactly 1 takes the singular
 * ("0 replies", "1 reply", "2 replies").
 */
export function nounFor(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** The count followed by its noun in agreement: "1 question", "3 held replies". */
export function countOf(count: number, one: string, many: string): string {
  return `${String(count)} ${nounFor(count, one, many)}`;
}
