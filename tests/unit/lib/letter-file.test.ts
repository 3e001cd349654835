import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { frontmatterYaml, slugify } from '../../../src/lib/letter-file';

describe('frontmatterYaml', () => {
  it('quotes every string, so a reader’s "yes" or "1.0" stays text', () => {
    expect(frontmatterYaml({ pseudonym: 'yes', headline: '1.0' })).toBe('pseudonym: "yes"\nheadline: "1.0"\n');
    expect(frontmatterYaml({ pseudonym: 'Kelly Fan', topics: ['first-bag'] })).toBe(
      'pseudonym: "Kelly Fan"\ntopics: ["first-bag"]\n',
    );
  });

  it('writes a list used for two fields in full both times, never as a YAML alias an editor must follow', () => {
    const topics = ['first-bag', 'care-repair'];
    expect(frontmatterYaml({ topics, related: topics })).toBe(
      'topics: ["first-bag", "care-repair"]\nrelated: ["first-bag", "care-repair"]\n',
    );
  });

  it('keeps a long value on one line, and it reads back the same', () => {
    const headline = Array.from({ length: 40 }, (_, i) => `word${String(i)}`).join(' ');
    const out = frontmatterYaml({ headline });
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(yaml.load(out)).toEqual({ headline });
  });
});

describe('slugify', () => {
  it('joins the first words with single hyphens, accents dropped', () => {
    expect(slugify('  Ça va?!  Très -- bien, merci  ')).toBe('ca-va-tres-bien-merci');
    expect(slugify('one two three four five six seven eight nine')).toBe('one-two-three-four-five-six-seven-eight');
    expect(slugify('one two three', 2)).toBe('one-two');
  });
});
