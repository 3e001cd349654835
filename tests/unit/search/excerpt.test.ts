import { describe, expect, it } from 'vitest';
import { splitExcerpt } from '../../../src/lib/search/excerpt';

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
