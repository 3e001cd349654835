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
