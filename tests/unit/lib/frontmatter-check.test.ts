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

/** The problems of `good` with some fields replaced (undefined removes a field). */
const problemsWith = (changes: Record<string, unknown>) => {
  const data: Record<string, unknown> = { ...good, ...changes };
  for (const [k, v] of Object.entries(changes)) if (v === undefined) Reflect.deleteProperty(data, k);
  return frontmatterProblems(data, known);
};
const HEADLINE = "headline must be the reader's question in quotes, 8 to 140 characters";
const SUMMARY = 'summary must be one sentence in quotes, 20 to 240 characters';
const PSEUDONYM = 'pseudonym must be how the writer signs the letter, in quotes, up to 60 characters';

describe('frontmatterProblems, field by field', () => {
  it('holds headline, summary and pseudonym to their lengths, counted without surrounding spaces', () => {
    expect(problemsWith({ headline: 'x'.repeat(7) })).toEqual([`${HEADLINE}; got 'xxxxxxx'`]);
    expect(problemsWith({ headline: ` ${'x'.repeat(7)}  ` })).toHaveLength(1);
    expect(problemsWith({ headline: 'x'.repeat(8) })).toEqual([]);
    expect(problemsWith({ headline: 'x'.repeat(140) })).toEqual([]);
    expect(problemsWith({ headline: 'x'.repeat(141) })).toHaveLength(1);
    expect(problemsWith({ headline: 12345678 })).toEqual([`${HEADLINE}; got 12345678`]);
    expect(problemsWith({ headline: undefined })).toEqual([`${HEADLINE}; got nothing`]);
    expect(problemsWith({ headline: null })).toEqual([`${HEADLINE}; got an empty value`]);
    expect(problemsWith({ summary: 's'.repeat(19) })).toEqual([`${SUMMARY}; got '${'s'.repeat(19)}'`]);
    expect(problemsWith({ summary: 's'.repeat(20) })).toEqual([]);
    expect(problemsWith({ summary: 's'.repeat(240) })).toEqual([]);
    expect(problemsWith({ summary: 's'.repeat(241) })).toHaveLength(1);
    expect(problemsWith({ pseudonym: '   ' })).toEqual([`${PSEUDONYM}; got '   '`]);
    expect(problemsWith({ pseudonym: 'p' })).toEqual([]);
    expect(problemsWith({ pseudonym: 'p'.repeat(60) })).toEqual([]);
    expect(problemsWith({ pseudonym: 'p'.repeat(61) })).toHaveLength(1);
  });

  it('shows a long value cut to one line', () => {
    // Quoted, 80 characters fit; 81 are cut to 77 and an ellipsis.
    expect(problemsWith({ summary: 's'.repeat(78), headline: 'h'.repeat(150) })).toEqual([
      `${HEADLINE}; got '${'h'.repeat(76)}…`,
    ]);
    expect(problemsWith({ pseudonym: 'p'.repeat(78) })).toEqual([`${PSEUDONYM}; got '${'p'.repeat(78)}'`]);
    expect(problemsWith({ pseudonym: 'p'.repeat(79) })).toEqual([`${PSEUDONYM}; got '${'p'.repeat(76)}…`]);
  });

  it('takes dates as YAML dates or as written days, and refuses impossible ones', () => {
    expect(problemsWith({ pubDate: '2026-05-19' })).toEqual([]);
    expect(problemsWith({ pubDate: ' 2026-05-19 ' })).toEqual([]);
    expect(problemsWith({ pubDate: '2026-13-45' })).toEqual([
      "pubDate must be a date like 2026-05-19; got '2026-13-45'",
    ]);
    expect(problemsWith({ pubDate: '2026-05-19T10:00' })).toHaveLength(1);
    expect(problemsWith({ pubDate: new Date('not a day') })).toEqual([
      "pubDate must be a date like 2026-05-19; got 'an invalid date'",
    ]);
    expect(problemsWith({ pubDate: 20260519 })).toEqual(['pubDate must be a date like 2026-05-19; got 20260519']);
    expect(problemsWith({ pubDate: undefined })).toEqual(['pubDate must be a date like 2026-05-19; got nothing']);
  });

  it('wants an update on or after the first publication, in either form', () => {
    expect(problemsWith({ updatedDate: undefined })).toEqual([]);
    expect(problemsWith({ updatedDate: '2026-05-19' })).toEqual([]);
    expect(problemsWith({ updatedDate: new Date('2026-05-20T00:00:00Z') })).toEqual([]);
    expect(problemsWith({ updatedDate: '2026-05-18' })).toEqual([
      "updatedDate must be on or after pubDate (2026-05-19); got '2026-05-18'",
    ]);
    expect(problemsWith({ pubDate: '2026-05-19', updatedDate: new Date('2026-05-18T00:00:00Z') })).toEqual([
      "updatedDate must be on or after pubDate ('2026-05-19'); got 2026-05-18",
    ]);
    expect(problemsWith({ pubDate: '2026-05-19', updatedDate: ' 2026-05-20 ' })).toEqual([]);
    expect(problemsWith({ pubDate: ' 2026-05-20 ', updatedDate: ' 2026-05-19 ' })).toEqual([
      "updatedDate must be on or after pubDate (' 2026-05-20 '); got ' 2026-05-19 '",
    ]);
    expect(problemsWith({ updatedDate: 'soon' })).toEqual([
      "updatedDate must be a date like 2026-05-19, or left out; got 'soon'",
    ]);
    expect(problemsWith({ updatedDate: null })).toEqual([
      'updatedDate must be a date like 2026-05-19, or left out; got an empty value',
    ]);
    // With no valid pubDate there is nothing to compare with: one problem, not two.
    expect(problemsWith({ pubDate: 'someday', updatedDate: '2020-01-01' })).toEqual([
      "pubDate must be a date like 2026-05-19; got 'someday'",
    ]);
  });

  it('accepts a known columnist however spaced, and nothing else', () => {
    expect(problemsWith({ columnist: ' ines-hartley ' })).toEqual([]);
    expect(problemsWith({ columnist: undefined })).toEqual([
      'columnist must be the file name of a columnist in content/columnists/ (one of: ines-hartley, pursebop); got nothing',
    ]);
    expect(problemsWith({ columnist: ['pursebop'] })).toHaveLength(1);
  });

  it('wants 1 to 4 known topics', () => {
    const LIST = 'topics must be a list of 1 to 4 topic ids in brackets, like [first-bag, care-repair]';
    expect(problemsWith({ topics: [] })).toEqual([`${LIST}; got []`]);
    expect(problemsWith({ topics: 'first-bag' })).toEqual([`${LIST}; got 'first-bag'`]);
    expect(problemsWith({ topics: ['first-bag', 'care-repair', 'first-bag', 'care-repair'] })).toEqual([]);
    expect(problemsWith({ topics: ['first-bag', 'care-repair', 'first-bag', 'care-repair', 'first-bag'] })).toEqual([
      `${LIST}; got ["first-bag","care-repair","first-bag","care-repair","first-bag"]`,
    ]);
    expect(problemsWith({ topics: ['first-bag', 7] })).toEqual([
      'topics must be topic ids from content/topics.json (one of: care-repair, first-bag); got ["first-bag",7]',
    ]);
  });

  it('takes up to 6 named brands, or none', () => {
    const BRANDS =
      'brands must be a list of up to 6 brand names in brackets, like ["Hermès", "Chanel"], or left out; got ';
    const six = ['A', 'B', 'C', 'D', 'E', 'F'];
    expect(problemsWith({ brands: six })).toEqual([]);
    expect(problemsWith({ brands: [] })).toEqual([]);
    expect(problemsWith({ brands: [...six, 'G'] })).toEqual([`${BRANDS}["A","B","C","D","E","F","G"]`]);
    expect(problemsWith({ brands: 'Chanel' })).toEqual([`${BRANDS}'Chanel'`]);
    expect(problemsWith({ brands: ['Chanel', '  '] })).toEqual([`${BRANDS}["Chanel","  "]`]);
    expect(problemsWith({ brands: ['Chanel', 5] })).toEqual([`${BRANDS}["Chanel",5]`]);
    expect(problemsWith({ brands: null })).toEqual([`${BRANDS}an empty value`]);
  });

  it('takes true or false for draft and featured', () => {
    expect(problemsWith({ draft: true, featured: false })).toEqual([]);
    expect(problemsWith({ featured: 'no' })).toEqual(["featured must be true or false, or left out; got 'no'"]);
    expect(problemsWith({ draft: 0 })).toEqual(['draft must be true or false, or left out; got 0']);
  });

  it('wants related letters and the letter followed up to exist', () => {
    const LIST = 'related must be a list of up to 6 letter slugs, or left out; got ';
    const SLUGS = 'related must be the slugs of other letters (the file name without its date and .mdx); got ';
    expect(problemsWith({ related: ['rain-spots'] })).toEqual([]);
    expect(problemsWith({ related: Array<string>(6).fill('rain-spots') })).toEqual([]);
    expect(problemsWith({ related: Array<string>(7).fill('r') })).toEqual([`${LIST}["r","r","r","r","r","r","r"]`]);
    expect(problemsWith({ related: 'rain-spots' })).toEqual([`${LIST}'rain-spots'`]);
    expect(problemsWith({ related: ['rain-spots', 'no-such-letter'] })).toEqual([
      `${SLUGS}["rain-spots","no-such-letter"]`,
    ]);
    expect(problemsWith({ related: [3] })).toEqual([`${SLUGS}[3]`]);
    const FOLLOW =
      'followUpTo must be the slug of another letter (the file name without its date and .mdx), or left out; got ';
    expect(problemsWith({ followUpTo: ' rain-spots ' })).toEqual([]);
    expect(problemsWith({ followUpTo: 'no-such-letter' })).toEqual([`${FOLLOW}'no-such-letter'`]);
    expect(problemsWith({ followUpTo: 12 })).toEqual([`${FOLLOW}12`]);
  });

  it('wants a hero picture with its path, description and credit', () => {
    const hero = { image: './images/bag.jpg', alt: 'A red bag', credit: 'Photo: Ed' };
    expect(problemsWith({ hero })).toEqual([]);
    expect(problemsWith({ hero: { ...hero, image: '  ' } })).toEqual([
      "hero.image must be the path of a picture, like ./images/bag.jpg; got '  '",
    ]);
    expect(problemsWith({ hero: { ...hero, alt: undefined } })).toEqual([
      'hero.alt must describe the picture for readers who cannot see it; got nothing',
    ]);
    expect(problemsWith({ hero: { ...hero, credit: 7 } })).toEqual([
      'hero.credit must say who made the picture; got 7',
    ]);
    const allMissing = [
      'hero.image must be the path of a picture, like ./images/bag.jpg; got nothing',
      'hero.alt must describe the picture for readers who cannot see it; got nothing',
      'hero.credit must say who made the picture; got nothing',
    ];
    expect(problemsWith({ hero: 'bag.jpg' })).toEqual(allMissing);
    expect(problemsWith({ hero: null })).toEqual(allMissing);
  });
});

describe('frontmatterReport, wording', () => {
  it('counts one letter in the singular, and puts each problem on its own line', () => {
    expect(frontmatterReport([{ file: 'a.mdx', problems: ['p one', 'p two'] }])).toBe(
      '1 letter has frontmatter mistakes; fix them and build again:\na.mdx:\n  - p one\n  - p two',
    );
  });
});
