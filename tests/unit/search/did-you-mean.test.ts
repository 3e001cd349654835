import { describe, expect, it } from 'vitest';
import { buildVocabulary, didYouMean, typoDistance } from '../../../src/lib/search/did-you-mean';

const vocabulary = buildVocabulary([
  'A special order from Hermès: the Birkin quota and the waitlist',
  'Special orders take two years; order early and ask about the quota.',
]);

describe('didYouMean', () => {
  it('corrects a dropped letter and a swapped pair from the site’s own words', () => {
    expect(didYouMean('Birkn', vocabulary)).toBe('birkin');
    expect(didYouMean('speical ordr', vocabulary)).toBe('special order');
  });

  it('says nothing when every word is known, a prefix of a known word, or a stop-word', () => {
    expect(didYouMean('special order', vocabulary)).toBeUndefined();
    expect(didYouMean('quot', vocabulary)).toBeUndefined();
    expect(didYouMean('or the', vocabulary)).toBeUndefined();
  });

  it('says nothing when no word is close', () => {
    expect(didYouMean('zzzzzz', vocabulary)).toBeUndefined();
  });

  it('counts a swap of neighbours as one slip', () => {
    expect(typoDistance('speical', 'special', 2)).toBe(1);
    expect(typoDistance('ordr', 'order', 1)).toBe(1);
  });
});
