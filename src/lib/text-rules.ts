/**
 * Rules every free-text field shares. PostgreSQL cannot store a NUL character in text, and no
 * reader types one, so text holding one is refused up front with a message instead of failing
 * deep in the database.
 */
export const NUL_PROBLEM = 'Please remove the invisible NUL characters from this text.';

/** True when the text is free of NUL characters. */
export function hasNoNul(value: string): boolean {
  return !value.includes('\u0000');
}
