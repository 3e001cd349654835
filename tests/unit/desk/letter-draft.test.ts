import { describe, expect, it } from 'vitest';
import { buildLetterDraft, escapeMdxText, HEADLINE_PLACEHOLDER, slugFromText } from '../../../src/lib/letter-draft';

const question = {
  id: 42,
  pseudonym: 'Nervous "First" Buyer',
  topic: 'first-bag',
  body: 'Should my first bag be a Kelly?\n\nI have saved for {two} years <and> my *budget* is $9,000.\n# not a heading\n- not a list',
};

describe('buildLetterDraft', () => {
  const draft = buildLetterDraft(question, { columnist: 'pursebop', now: new Date('2026-11-30T10:00:00Z') });

  it('names the file by date and a slug from the question', () => {
    expect(draft.fileName).toBe('2026-11-30-should-my-first-bag-be-a-q42.mdx');
    expect(draft.slug).toBe('should-my-first-bag-be-a-q42');
  });

  it('fills the frontmatter and marks it a draft', () => {
    const fm = draft.content.split('---')[1] ?? '';
    expect(fm).toContain('draft: true');
    expect(fm).toContain('pseudonym: "Nervous \\"First\\" Buyer"');
    expect(fm).toContain('topics: [first-bag]');
    expect(fm).toContain('columnist: pursebop');
    expect(fm).toContain('pubDate: 2026-11-30');
    expect(fm).toContain(HEADLINE_PLACEHOLDER);
  });

  it('puts the escaped question in <Letter> and leaves <Answer> empty', () => {
    expect(draft.content).toMatch(/<Letter>\n\nShould my first bag be a Kelly\?\n\nI have saved for \\\{two\\\} years/);
    expect(draft.content).toContain('\\<and\\> my \\*budget\\*');
    expect(draft.content).toMatch(/<Answer>\n\n<\/Answer>\n$/);
  });
});

describe('escapeMdxText', () => {
  it('neutralises Markdown block syntax at line starts', () => {
    expect(escapeMdxText('# title\n- item\n1. one')).toBe('\\# title\n\\- item\n\\1. one');
  });
  it('keeps paragraphs and drops blank runs', () => {
    expect(escapeMdxText('a\r\n\r\n\r\n\r\nb')).toBe('a\n\nb');
  });
});

describe('slugFromText', () => {
  it('folds accents and punctuation', () => {
    expect(slugFromText('Hermès: quota — or not?')).toBe('hermes-quota-or-not');
  });
  it('never returns an empty slug', () => {
    expect(slugFromText('!!!')).toBe('letter');
  });
});
