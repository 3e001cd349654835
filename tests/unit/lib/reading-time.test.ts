import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from '../../../src/lib/reading-time';

describe('reading time', () => {
  it('counts words, not component tags or Markdown marks', () => {
    expect(countWords('<Letter>\n\nHello **there** reader.\n\n</Letter>\n\n| a | b |\n|---|---|')).toBe(5);
  });
  it('rounds to whole minutes with a floor of one', () => {
    expect(readingMinutes('one two')).toBe(1);
    expect(readingMinutes(Array.from({ length: 660 }, () => 'word').join(' '))).toBe(3);
  });
});
