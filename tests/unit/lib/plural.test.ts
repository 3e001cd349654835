import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from '../../../src/lib/plural';

describe('countOf', () => {
  it('takes the singular for exactly one and the plural for everything else', () => {
    expect(countOf(1, 'reply', 'replies')).toBe('1 reply');
    expect(countOf(0, 'reply', 'replies')).toBe('0 replies');
    expect(countOf(2, 'held reply', 'held replies')).toBe('2 held replies');
    expect(countOf(21, 'question', 'questions')).toBe('21 questions');
  });

  it('never writes a bracketed plural', () => {
    for (const n of [0, 1, 2, 11]) expect(countOf(n, 'action', 'actions')).not.toMatch(/\(/);
  });
});

describe('nounFor', () => {
  it('gives the noun alone, for sentences that place the number elsewhere', () => {
    expect(nounFor(1, 'letter', 'letters')).toBe('letter');
    expect(nounFor(5, 'letter', 'letters')).toBe('letters');
  });
});
