import { describe, expect, it } from 'vitest';
import { headlineProblem, letterFileName, scaffoldLetter, slugify } from '../../../src/lib/letter-scaffold';

describe('letter scaffold', () => {
  it('slugifies headlines to short ASCII slugs', () => {
    expect(slugify('Is my Hermès “Birkin” real?')).toBe('is-my-hermes-birkin-real');
    expect(slugify('one two three four five six seven eight nine ten')).toBe('one-two-three-four-five-six-seven-eight');
  });
  it('names the file by date and slug', () => {
    expect(letterFileName({ headline: 'Should I buy it?', day: '2026-01-02' })).toBe('2026-01-02-should-i-buy-it.mdx');
  });
  it('rejects headlines the schema would reject', () => {
    expect(headlineProblem('short')).toMatch(/at least 8/);
    expect(headlineProblem('x'.repeat(141))).toMatch(/at most 140/);
    expect(headlineProblem('?!?!?!?!?!')).toMatch(/letters or digits/);
    expect(headlineProblem('Should I buy it?')).toBeUndefined();
  });
  it('writes a draft with every field and both components', () => {
    const mdx = scaffoldLetter({
      headline: 'Say "yes"?',
      day: '2026-01-02',
      columnist: 'pursebop',
      topic: 'first-bag',
    });
    for (const field of [
      'headline: "Say \\"yes\\"?"',
      'summary:',
      'pubDate: 2026-01-02',
      'updatedDate',
      'columnist: pursebop',
      'pseudonym:',
      'topics: [first-bag]',
      'brands:',
      'hero:',
      'draft: true',
      'featured:',
      'related:',
      'followUpTo',
    ])
      expect(mdx).toContain(field);
    expect(mdx).toMatch(/<Letter>[\s\S]*<\/Letter>[\s\S]*<Answer>[\s\S]*<\/Answer>/);
  });
});

describe('headline limits', () => {
  it('counts the headline without surrounding spaces, 8 to 140 characters', () => {
    expect(headlineProblem(' 1234567 ')).toMatch(/at least 8/);
    expect(headlineProblem('12345678')).toBeUndefined();
    expect(headlineProblem('x'.repeat(140))).toBeUndefined();
    expect(headlineProblem(` ${'x'.repeat(141)} `)).toMatch(/at most 140/);
  });

  it('puts the trimmed headline on its own frontmatter line, quoted', () => {
    const lines = scaffoldLetter({
      headline: '  Is it "real"?  ',
      day: '2026-05-19',
      columnist: 'pursebop',
      topic: 'first-bag',
    })
      .split('\n')
      .slice(0, 3);
    expect(lines).toEqual([
      '---',
      'headline: "Is it \\"real\\"?"',
      'summary: "One sentence that tells a reader what this letter is about."',
    ]);
  });
});
