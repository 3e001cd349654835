/** The line that opens every letter. */
export const LETTER_OPENING = 'Dear PurseBop,';

/** "Dear Second Guesser:" — the answer greets the writer by the pseudonym they signed with. */
export function answerSalutation(pseudonym: string): string {
  return `Dear ${pseudonym.trim()}:`;
}

/** "— Second Guesser", printed on its own line under the letter. */
export function letterSignOff(pseudonym: string): string {
  return `— ${pseudonym.trim()}`;
}
