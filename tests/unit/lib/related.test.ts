import { describe, expect, it } from 'vitest';
import { neighbours, pickRelated, relatedIndex } from '../../../src/lib/related';

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
  it('puts the newer of two letters sharing as many topics first, whatever order they come in', () => {
    const me = letter('me', ['care'], '2024-05-01');
    const old = letter('old', ['care'], '2019-01-01');
    const mid = letter('mid', ['care'], '2021-01-01');
    const recent = letter('recent', ['care'], '2024-01-01');
    expect(pickRelated(me, [], [old, mid, recent]).map((l) => l.id)).toEqual(['recent', 'mid', 'old']);
    expect(pickRelated(me, [], [recent, old, mid]).map((l) => l.id)).toEqual(['recent', 'mid', 'old']);
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

describe('relatedIndex', () => {
  it('chooses exactly what pickRelated chooses, for every letter of a varied catalogue', () => {
    // A small deterministic generator: shared dates, overlapping topic sets and pins, newest first.
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const topics = ['care', 'resale', 'quota', 'fakes', 'travel', 'gifts'];
    const catalogue = Array.from({ length: 300 }, (_, i) => ({
      id: `l${String(i)}`,
      topics: [...new Set(Array.from({ length: 1 + next(4) }, () => topics[next(topics.length)] ?? 'care'))],
      pubDate: new Date(Date.UTC(2020, 0, 1 + next(90))),
    })).sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime());
    const pick = relatedIndex(catalogue);
    for (const current of catalogue) {
      const pins = next(5) === 0 ? [`l${String(next(300))}`, current.id, 'missing'] : [];
      for (const limit of [1, 3, 6]) {
        expect(pick(current, pins, limit).map((l) => l.id)).toEqual(
          pickRelated(current, pins, catalogue, limit).map((l) => l.id),
        );
      }
    }
  });
});

describe('pickRelated and relatedIndex, level by level', () => {
  // Newest first, as the catalogue lists them.
  const catalogue = [
    letter('l1', ['a'], '2026-06-01'),
    letter('l2', ['b', 'a'], '2026-05-01'),
    letter('l3', ['c', 'b', 'a'], '2026-04-01'),
    letter('l4', ['b'], '2026-03-01'),
    letter('l5', ['c'], '2026-02-01'),
    letter('l6', ['a', 'c', 'b'], '2026-01-01'),
    letter('l7', ['d'], '2025-12-01'),
    letter('l8', ['ab', 'c'], '2025-11-01'),
  ];
  const l3 = catalogue[2] ?? letter('missing', [], '2000-01-01');
  // The index is built inside each test, so the mutation run sees which tests read it.
  const both = (current: ReturnType<typeof letter>, pins: string[], limit: number) => {
    const picked = pickRelated(current, pins, catalogue, limit).map((l) => l.id);
    expect(relatedIndex(catalogue)(current, pins, limit).map((l) => l.id)).toEqual(picked);
    return picked;
  };

  it('orders by topics shared, then newest first, whatever order the topics are written in', () => {
    expect(both(l3, [], 3)).toEqual(['l6', 'l2', 'l1']);
    expect(both(l3, [], 5)).toEqual(['l6', 'l2', 'l1', 'l4', 'l5']);
    // Fewer related letters than the limit: all of them, and nothing else.
    expect(both(l3, [], 10)).toEqual(['l6', 'l2', 'l1', 'l4', 'l5', 'l8']);
  });

  it('keeps pins first and never returns more than the limit, pins included', () => {
    expect(both(l3, ['l7', 'l5'], 3)).toEqual(['l7', 'l5', 'l6']);
    expect(both(l3, ['l7', 'l5', 'l4', 'l1'], 3)).toEqual(['l7', 'l5', 'l4']);
  });

  it('matches topic ids whole, and a topic no other letter has finds nothing extra', () => {
    const visitor = letter('new', ['a', 'bc', 'zz'], '2026-07-01');
    expect(both(visitor, [], 10)).toEqual(['l1', 'l2', 'l3', 'l6']);
    const lonely = letter('lonely', ['zz'], '2026-07-01');
    expect(both(lonely, [], 3)).toEqual([]);
  });
});

describe('neighbours at the ends', () => {
  it('has no newer letter for the newest, and no older one for the oldest', () => {
    const list = [{ id: 'n' }, { id: 'm' }, { id: 'o' }];
    expect(neighbours(list, 'n')).toEqual({ newer: undefined, older: { id: 'm' } });
    expect(neighbours(list, 'o')).toEqual({ newer: { id: 'm' }, older: undefined });
  });
});
