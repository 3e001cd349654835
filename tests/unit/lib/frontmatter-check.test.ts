import { describe, expect, it } from 'vitest';
import { frontmatterProblems, frontmatterReport } from '../../../src/lib/frontmatter-check';

const known = {
  columnists: new Set(['pursebop', 'ines-hartley']),
  topics: new Set(['first-bag', 'care-repair']),
  letters: new Set(['rain-spots']),
};
const good = {
  headline: 'Is this a good letter?',
  summary: 'A summary that is long enough to pass.',
  pubDate: new Date('2026-05-19T00:00:00Z'),
  columnist: 'pursebop',
  pseudonym: 'Second Guesser',
  topics: ['first-bag'],
};

describe('frontmatterProblems', () => {
  it('accepts a good letter', () => {
    expect(frontmatterProblems(good, known)).toEqual([]);
  });

  it('says what was given and what is expected, in an editor’s words', () => {
    expect(frontmatterProblems({ ...good, pubDate: '19th of May' }, known)).toEqual([
      "pubDate must be a date like 2026-05-19; got '19th of May'",
    ]);
    expect(frontmatterProblems({ ...good, columnist: 'nobody' }, known)).toEqual([
      "columnist must be the file name of a columnist in content/columnists/ (one of: ines-hartley, pursebop); got 'nobody'",
    ]);
    expect(frontmatterProblems({ ...good, topics: ['shoes'], draft: 'yes' }, known)).toEqual([
      'topics must be topic ids from content/topics.json (one of: care-repair, first-bag); got ["shoes"]',
      "draft must be true or false, or left out; got 'yes'",
    ]);
  });

  it('lists every broken letter under its file', () => {
    const report = frontmatterReport([
      { file: 'content/letters/a.mdx', problems: ['pubDate must be a date like 2026-05-19; got nothing'] },
      { file: 'content/letters/b.mdx', problems: ["columnist must be …; got 'x'"] },
    ]);
    expect(report).toContain('2 letters have frontmatter mistakes');
    expect(report).toMatch(/content\/letters\/a\.mdx:\n {2}- pubDate/);
    expect(report).toMatch(/content\/letters\/b\.mdx:\n {2}- columnist/);
  });
});
