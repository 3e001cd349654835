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

  it('keeps any other markup as literal text', () => {
    const parts = splitExcerpt('<img src=x onerror=alert(1)> and <mark><b>bold</b></mark> & more');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> and ', marked: false },
      { text: '<b>bold</b>', marked: true },
      { text: ' & more', marked: false },
    ]);
  });

  it('returns nothing for an empty excerpt', () => {
    expect(splitExcerpt('')).toEqual([]);
  });
});
