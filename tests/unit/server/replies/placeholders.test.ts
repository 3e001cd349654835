import { describe, expect, it } from 'vitest';
import { placeholders } from '../../../../src/server/replies/repository';

describe('placeholders', () => {
  it('gives one ? per value of an IN list, comma separated', () => {
    expect(placeholders(1)).toBe('?');
    expect(placeholders(3)).toBe('?, ?, ?');
    expect(placeholders(50).split(', ')).toHaveLength(50);
  });

  it('refuses an empty or impossible list rather than writing IN ()', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => placeholders(n)).toThrow(RangeError);
  });
});
