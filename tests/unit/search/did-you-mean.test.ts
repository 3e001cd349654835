import { describe, expect, it } from 'vitest';
import { buildVocabulary, didYouMean, typoDistance } from '../../../src/lib/search/did-you-mean';

// Built inside each test, so the mutation run sees which tests read it.
const siteVocabulary = () =>
  buildVocabulary([
    'A special order from Hermès: the Birkin quota and the waitlist',
    'Special orders take two years; order early and ask about the quota.',
  ]);

describe('didYouMean', () => {
  it('corrects a dropped letter and a swapped pair from the site’s own words', () => {
    const vocabulary = siteVocabulary();
    expect(didYouMean('Birkn', vocabulary)).toBe('birkin');
    expect(didYouMean('speical ordr', vocabulary)).toBe('special order');
  });

  it('says nothing when every word is known, a prefix of a known word, or a stop-word', () => {
    const vocabulary = siteVocabulary();
    expect(didYouMean('special order', vocabulary)).toBeUndefined();
    expect(didYouMean('quot', vocabulary)).toBeUndefined();
    expect(didYouMean('or the', vocabulary)).toBeUndefined();
  });

  it('says nothing when no word is close', () => {
    expect(didYouMean('zzzzzz', siteVocabulary())).toBeUndefined();
  });

  it('counts a swap of neighbours as one slip', () => {
    expect(typoDistance('speical', 'special', 2)).toBe(1);
    expect(typoDistance('ordr', 'order', 1)).toBe(1);
  });
});

describe('typoDistance, in detail', () => {
  it('counts insertions, deletions, changes and neighbour swaps', () => {
    expect(typoDistance('', 'bag', 3)).toBe(3);
    expect(typoDistance('bag', '', 3)).toBe(3);
    expect(typoDistance('kitten', 'sitting', 3)).toBe(3);
    expect(typoDistance('ab', 'cd', 2)).toBe(2);
    expect(typoDistance('lmab', 'lamb', 2)).toBe(1);
    expect(typoDistance('lmba', 'lamb', 2)).toBe(2);
    // A swap counts once only where the two letters stay side by side.
    expect(typoDistance('ca', 'abc', 3)).toBe(3);
    // A swap after another slip adds one to that slip.
    expect(typoDistance('xlmab', 'ylamb', 3)).toBe(2);
    expect(typoDistance('bagsmall', 'bigsmlal', 3)).toBe(2);
  });

  it('stops at the ceiling when the lengths alone differ too much', () => {
    expect(typoDistance('bag', 'bagatelle', 2)).toBe(3);
  });
});

describe('buildVocabulary', () => {
  it('keeps words of three letters or more, most frequent first, and nothing from a text without words', () => {
    expect(buildVocabulary(['', '12 34 — !'])).toEqual([]);
    expect(buildVocabulary(['Kelly bag; kelly strap', 'a strap, the KELLY'])).toEqual(['kelly', 'strap', 'bag']);
    expect(buildVocabulary(['Kelly bag; kelly strap'], 1)).toEqual(['kelly']);
    // Two-letter words are left out; words used as often come in alphabetical order.
    expect(buildVocabulary(['strap ox bag kelly', 'OX'])).toEqual(['bag', 'kelly', 'strap']);
    expect(buildVocabulary(['kelly strap bag'])).toEqual(['bag', 'kelly', 'strap']);
  });
});

describe('didYouMean, in detail', () => {
  const vocabulary = ['special', 'order', 'bags', 'kelly', 'lamb', 'birkin', 'wish'];

  it('allows one slip in words of up to four letters and two in longer ones', () => {
    expect(didYouMean('bgs', vocabulary)).toBe('bags');
    expect(didYouMean('lmab', vocabulary)).toBe('lamb');
    expect(didYouMean('lmba', vocabulary)).toBeUndefined();
    expect(didYouMean('kllye', vocabulary)).toBe('kelly');
    expect(didYouMean('bikrn', vocabulary)).toBe('birkin');
  });

  it('leaves short words and stop-words alone', () => {
    expect(didYouMean('bg', vocabulary)).toBeUndefined();
    expect(didYouMean('with', vocabulary)).toBeUndefined();
    // One slip from "bag" and "tan", but too short to guess at.
    expect(didYouMean('ag', ['bag', 'tan'])).toBeUndefined();
    expect(didYouMean('tn', ['bag', 'tan'])).toBeUndefined();
  });

  it('corrects only the words that need it, whatever the spacing', () => {
    expect(didYouMean('special ordr', vocabulary)).toBe('special order');
    expect(didYouMean('  Special   ORDR ', vocabulary)).toBe('special order');
  });
});
