import { describe, expect, it } from 'vitest';
import { neighbours, pickRelated } from '../../../src/lib/related';

const letter = (id: string, topics: string[], day: string) => ({ id, topics, pubDate: new Date(day) });
const current = letter('me', ['care', 'resale'], '2024-05-01');
const all = [
  current,
  letter('both-topics', ['care', 'resale'], '2020-01-01'),
  letter('care-new', ['care'], '2024-01-01'),
  letter('care-old', ['care'], '2019-01-01'),
  letter('unrelated', ['quota'], '2024-04-01'),
  letter('pinned', ['quota'], '2018-01-01'),
];

describe('pickRelated', () => {
  it('puts pins first, then most shared topics, newer first on ties', () => {
    expect(pickRelated(current, ['pinned'], all, 4).map((l) => l.id)).toEqual([
      'pinned',
      'both-topics',
      'care-new',
      'care-old',
    ]);
  });
  it('never returns the letter itself, unknown pins or letters with nothing in common', () => {
    const ids = pickRelated(current, ['me', 'missing'], all, 10).map((l) => l.id);
    expect(ids).not.toContain('me');
    expect(ids).not.toContain('missing');
    expect(ids).not.toContain('unrelated');
  });
  it('respects the limit', () => {
    expect(pickRelated(current, [], all, 2)).toHaveLength(2);
  });
});

describe('neighbours', () => {
  const list = [{ id: 'c' }, { id: 'b' }, { id: 'a' }];
  it('finds the newer and older letter in a newest-first list', () => {
    expect(neighbours(list, 'b')).toEqual({ newer: { id: 'c' }, older: { id: 'a' } });
    expect(neighbours(list, 'c').newer).toBeUndefined();
    expect(neighbours(list, 'zzz')).toEqual({ newer: undefined, older: undefined });
  });
});
