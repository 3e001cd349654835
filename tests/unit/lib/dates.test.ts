import { describe, expect, it } from 'vitest';
import { formatDay, formatTime, isoDay, yearOf } from '../../../src/lib/dates';
import { letterPath } from '../../../src/lib/letter-path';

describe('dates', () => {
  const newYearsEve = new Date('2024-12-31T00:00:00Z');
  it('formats in UTC so a frontmatter day never shifts', () => {
    expect(isoDay(newYearsEve)).toBe('2024-12-31');
    expect(formatDay(newYearsEve)).toBe('31 December 2024');
    expect(yearOf(newYearsEve)).toBe(2024);
  });

  it('gives editors a minute-exact time that says its zone', () => {
    expect(formatTime(Date.UTC(2026, 10, 30, 10, 42, 59))).toBe('2026-11-30 10:42 UTC');
  });
});

describe('letterPath', () => {
  it('is the site-relative folder of the letter', () => {
    expect(letterPath('rain-spots')).toBe('/letters/rain-spots/');
  });
});
