import { describe, expect, it } from 'vitest';
import { mdxProse, readingMinutes } from '../../../src/lib/reading-time';
import { countWords } from '../../../src/lib/word-count';

describe('reading time', () => {
  it('counts words, not component tags, footnote markers or Markdown marks', () => {
    expect(countWords(mdxProse('<Letter>\n\nHello **there** reader.[^1]\n\n</Letter>\n\n| a | b |\n|---|---|'))).toBe(
      5,
    );
  });
  it('rounds to whole minutes with a floor of one', () => {
    expect(readingMinutes('one two')).toBe(1);
    expect(readingMinutes(Array.from({ length: 660 }, () => 'word').join(' '))).toBe(3);
    expect(readingMinutes(Array.from({ length: 660 }, () => '<Figure src="x" /> word').join(' '))).toBe(3);
  });
});

describe('mdxProse separators', () => {
  it('keeps words on either side of a tag or a footnote mark apart', () => {
    expect(countWords(mdxProse('one<br/>two'))).toBe(2);
    expect(countWords(mdxProse('leather[^note]stitching'))).toBe(2);
    expect(countWords(mdxProse('[^long-label]: The footnote text.'))).toBe(3);
  });
});
