import { describe, expect, it } from 'vitest';
import { rankByWords, subjectWords } from '../../../src/lib/similar-query';

describe('subjectWords', () => {
  it('keeps the words that carry the subject, most repeated first', () => {
    const words = subjectWords(
      'Dear PurseBop, my sales associate left the boutique and I wonder whether my new associate will honour my place on the list.',
    );
    expect(words[0]).toBe('associate');
    expect(words).toContain('boutique');
    expect(words).not.toContain('whether');
    expect(words).not.toContain('pursebop');
  });

  it('caps the number of words and ignores numbers and short words', () => {
    expect(subjectWords('a an the 2024 12345 ok no')).toEqual([]);
    expect(subjectWords('alpha bravo charlie delta echoes foxtrot golfer hotel', 3)).toHaveLength(3);
  });
});

describe('rankByWords', () => {
  it('prefers pages matching more words, then higher scores, and drops one-word matches', () => {
    const ranked = rankByWords([
      [
        { id: 'a', score: 1 },
        { id: 'b', score: 0.5 },
        { id: 'lonely', score: 1 },
      ],
      [
        { id: 'b', score: 1 },
        { id: 'a', score: 0.2 },
      ],
      [{ id: 'b', score: 0.1 }],
    ]);
    expect(ranked).toEqual(['b', 'a']);
  });

  it('returns at most the limit', () => {
    const hits = [
      ['a', 'b', 'c', 'd'].map((id) => ({ id, score: 1 })),
      ['a', 'b', 'c', 'd'].map((id) => ({ id, score: 1 })),
    ];
    expect(rankByWords(hits, 3)).toHaveLength(3);
  });

  it('accepts single-word matches when only one word was searched', () => {
    expect(rankByWords([[{ id: 'x', score: 1 }]])).toEqual(['x']);
  });
});

describe('subjectWords and rankByWords, in detail', () => {
  it('counts a possessive as its word, and only a trailing one', () => {
    expect(subjectWords("Hermès's strap; the strap's clasp; Hermès")).toEqual(['hermès', 'strap', 'clasp']);
    expect(subjectWords("it'sokay lambskin")).toEqual(["it'sokay", 'lambskin']);
  });

  it('keeps four-letter words and words with digits, drops only pure numbers', () => {
    expect(subjectWords('tote b25 2024 b2024 2024b 12345')).toEqual(['b2024', '2024b', 'tote']);
  });

  it('counts every mention, and prefers the longer word on a tie', () => {
    expect(subjectWords('bags bags bags leather leather stitching')).toEqual(['bags', 'leather', 'stitching']);
    expect(subjectWords('tote pochette')).toEqual(['pochette', 'tote']);
  });

  it('adds up the scores of a page over the words it matched', () => {
    const ranked = rankByWords(
      [
        [
          { id: 'a', score: 0.5 },
          { id: 'b', score: 0.4 },
        ],
        [
          { id: 'a', score: 0.1 },
          { id: 'b', score: 0.3 },
        ],
      ],
      3,
      2,
    );
    expect(ranked).toEqual(['b', 'a']);
  });
});
