import { describe, expect, it } from 'vitest';
import { countByTopic, pickFeatured, yearsOf } from '../../../src/lib/archive';

describe('archive helpers', () => {
  it('lists distinct years newest first', () => {
    expect(yearsOf([new Date('2022-05-01'), new Date('2024-01-01'), new Date('2022-12-31')])).toEqual([2024, 2022]);
  });
  it('counts letters per topic', () => {
    const counts = countByTopic([{ topics: ['a', 'b'] }, { topics: ['a'] }]);
    expect(counts.get('a')).toBe(2);
    expect(counts.get('b')).toBe(1);
    expect(counts.get('c')).toBeUndefined();
  });
  it('features the newest featured letter, else the newest', () => {
    expect(
      pickFeatured([
        { id: 1, featured: false },
        { id: 2, featured: true },
      ])?.id,
    ).toBe(2);
    expect(pickFeatured([{ id: 1, featured: false }])?.id).toBe(1);
    expect(pickFeatured<{ featured: boolean }>([])).toBeUndefined();
  });
});
