import { describe, expect, it } from 'vitest';
import { answerSalutation, LETTER_OPENING, letterSignOff } from '../../../src/lib/salutation';

describe('salutation', () => {
  it('builds both ends of the exchange from the pseudonym', () => {
    expect(LETTER_OPENING).toBe('Dear PurseBop,');
    expect(answerSalutation('  Second Guesser ')).toBe('Dear Second Guesser:');
    expect(letterSignOff('Second Guesser')).toBe('— Second Guesser');
  });
});

describe('letterSignOff spacing', () => {
  it('signs with the pseudonym as written, without stray spaces', () => {
    expect(letterSignOff('  Second Guesser ')).toBe('— Second Guesser');
  });
});
