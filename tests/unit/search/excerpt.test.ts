import { describe, expect, it } from 'vitest';
import { decodeEntities, splitExcerpt } from '../../../src/lib/search/excerpt';

describe('splitExcerpt', () => {
  it('separates highlighted words from plain text', () => {
    expect(splitExcerpt('a saddle-stitched <mark>lambskin</mark> pochette')).toEqual([
      { text: 'a saddle-stitched ', marked: false },
      { text: 'lambskin', marked: true },
      { text: ' pochette', marked: false },
    ]);
  });

  it("decodes Pagefind's escaped text once, so markup shows as the text it was and never as HTML", () => {
    const parts = splitExcerpt('&lt;img src=x onerror=alert(1)&gt; and <mark>Paris&gt;</mark> &amp;amp; more');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> and ', marked: false },
      { text: 'Paris', marked: true },
      { text: '> &amp; more', marked: false },
    ]);
  });

  it('leaves stop-words such as "or" unmarked', () => {
    expect(splitExcerpt('a <mark>special</mark> <mark>or</mark> a stock <mark>order</mark>')).toEqual([
      { text: 'a ', marked: false },
      { text: 'special', marked: true },
      { text: ' or a stock ', marked: false },
      { text: 'order', marked: true },
    ]);
  });

  it('returns nothing for an empty excerpt', () => {
    expect(splitExcerpt('')).toEqual([]);
  });
});

describe('decodeEntities', () => {
  it('decodes decimal and hexadecimal references in either case, and named ones in any case', () => {
    expect(decodeEntities('&#65;&#x42;&#X43;&#x1F45C;')).toBe('ABC👜');
    expect(decodeEntities('&AMP; &Lt; &quot;&apos;&nbsp;')).toBe('& < "\'\u00a0');
    // The last code point there is still a character.
    expect(decodeEntities('&#1114111;&#x10FFFF;')).toBe('\u{10FFFF}\u{10FFFF}');
  });

  it('leaves unknown names and references no character has as they were, never throwing', () => {
    expect(decodeEntities('&hellip; &#x110000; &#99999999;')).toBe('&hellip; &#x110000; &#99999999;');
    expect(splitExcerpt('<mark>bag</mark> &#1114112;')).toEqual([
      { text: 'bag', marked: true },
      { text: ' &#1114112;', marked: false },
    ]);
  });
});

describe('splitExcerpt punctuation', () => {
  it('marks the word only, never the punctuation before or after it', () => {
    expect(splitExcerpt('<mark>“Birkin?!</mark>')).toEqual([
      { text: '“', marked: false },
      { text: 'Birkin', marked: true },
      { text: '?!', marked: false },
    ]);
    expect(splitExcerpt('<mark>2025’s</mark>')).toEqual([{ text: '2025’s', marked: true }]);
  });
});
