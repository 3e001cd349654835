import { describe, expect, it } from 'vitest';
import { letterIdFromPath } from '../../../src/lib/letter-id';

describe('letterIdFromPath', () => {
  it('drops the date prefix and extension', () => {
    expect(letterIdFromPath('2025-03-14-special-order-colour.mdx')).toBe('special-order-colour');
  });
  it('keeps names without a date', () => {
    expect(letterIdFromPath('sub/plain-name.mdx')).toBe('plain-name');
  });
});

describe('letterIdFromPath, edge cases', () => {
  it('takes Windows paths, .md files, and only a leading date and a trailing extension', () => {
    expect(letterIdFromPath('content\\letters\\2026-01-02-rain-spots.mdx')).toBe('rain-spots');
    expect(letterIdFromPath('2026-01-02-rain-spots.md')).toBe('rain-spots');
    expect(letterIdFromPath('read.md-first.mdx')).toBe('read.md-first');
    expect(letterIdFromPath('notes-2026-01-02-rain.mdx')).toBe('notes-2026-01-02-rain');
  });
});
