import { describe, expect, it } from 'vitest';
import { formatDay, isoDay, yearOf } from '../../../src/lib/dates';

describe('dates', () => {
  const newYearsEve = new Date('2024-12-31T00:00:00Z');
  it('formats in UTC so a frontmatter day never shifts', () => {
    expect(isoDay(newYearsEve)).toBe('2024-12-31');
    expect(formatDay(newYearsEve)).toBe('31 December 2024');
    expect(yearOf(newYearsEve)).toBe(2024);
  });
});
