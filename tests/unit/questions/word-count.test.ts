import { describe, expect, it } from 'vitest';
import { countWords, wordsOf } from '../../../src/lib/word-count';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['one', 1],
    ['one two  three\nfour', 4],
    ["Don't I deserve a Kelly-style bag?", 6],
    ['Hermès — Birkin 25, in étoupe!', 5],
    ['… — !!! 🙂', 0],
    ['It costs 12,500 euros', 5],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });

  it('returns the words in order', () => {
    expect(wordsOf("My SA's gone, now what?")).toEqual(['My', "SA's", 'gone', 'now', 'what']);
  });
});

describe('wordsOf nothing', () => {
  it('finds no words in text without any', () => {
    expect(wordsOf('')).toEqual([]);
    expect(wordsOf(' — … ')).toEqual([]);
  });
});
