import { describe, expect, it } from 'vitest';
import { ogCacheKey } from '../../../src/lib/og-key';

const card = { headline: 'Should I?', pseudonym: 'Unsure', columnist: 'PurseBop' };

describe('ogCacheKey', () => {
  it('is stable for the same card', () => {
    expect(ogCacheKey(card)).toBe(ogCacheKey({ ...card }));
    expect(ogCacheKey(card)).toMatch(/^[0-9a-f]{32}$/);
  });
  it('changes when any text or the design version changes', () => {
    const base = ogCacheKey(card);
    expect(ogCacheKey({ ...card, headline: 'Should I not?' })).not.toBe(base);
    expect(ogCacheKey({ ...card, pseudonym: 'Sure' })).not.toBe(base);
    expect(ogCacheKey({ ...card, columnist: 'Ines' })).not.toBe(base);
    expect(ogCacheKey(card, 999)).not.toBe(base);
  });
});
