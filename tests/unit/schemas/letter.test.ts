import { z } from 'astro/zod';
import type { ImageFunction } from 'astro:content';
import { describe, expect, it } from 'vitest';
import { columnistSchema } from '../../../src/schemas/columnist';
import { letterSchema } from '../../../src/schemas/letter';
import { topicSchema } from '../../../src/schemas/topic';

// The real image() resolves files through Vite; here any path string stands in for it.
const image = (() => z.string()) as unknown as ImageFunction;
const schema = letterSchema(image);

const valid = {
  headline: 'Should my first bag be a Kelly?',
  summary: 'A reader weighs a long wait against a bag she could carry tomorrow.',
  pubDate: '2025-03-14',
  columnist: 'pursebop',
  pseudonym: 'Second Guesser',
  topics: ['first-bag'],
};

function problems(input: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('letter frontmatter', () => {
  it('accepts a complete letter and fills defaults', () => {
    const result = schema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ draft: false, featured: false, brands: [], related: [] });
    expect(result.data?.columnist).toEqual({ collection: 'columnists', id: 'pursebop' });
    expect(result.data?.pubDate.toISOString()).toBe('2025-03-14T00:00:00.000Z');
  });
  it('names pseudonym when it is missing', () => {
    const { pseudonym: _omit, ...rest } = valid;
    expect(problems(rest).map((p) => p.path)).toEqual(['pseudonym']);
  });
  it('rejects an empty or blank pseudonym with a readable message', () => {
    expect(problems({ ...valid, pseudonym: '   ' })).toEqual([
      { path: 'pseudonym', message: 'the writer must sign with a pseudonym' },
    ]);
  });
  it('rejects a date that is not a date', () => {
    expect(problems({ ...valid, pubDate: 'next Tuesday' }).map((p) => p.path)).toEqual(['pubDate']);
  });
  it('rejects an update dated before publication', () => {
    expect(problems({ ...valid, updatedDate: '2025-01-01' }).map((p) => p.path)).toEqual(['updatedDate']);
  });
  it('requires at least one topic and alt text plus credit on a hero image', () => {
    expect(problems({ ...valid, topics: [] }).map((p) => p.path)).toEqual(['topics']);
    const hero = { image: './images/x.jpg', alt: '', credit: 'Someone' };
    expect(problems({ ...valid, hero }).map((p) => p.path)).toEqual(['hero.alt']);
  });
});

describe('topic and columnist entries', () => {
  it('requires a URL-safe topic id', () => {
    expect(topicSchema.safeParse({ id: 'Care Repair', name: 'Care', description: 'x' }).success).toBe(false);
    expect(topicSchema.safeParse({ id: 'care-repair', name: 'Care', description: 'x' }).success).toBe(true);
  });
  it('requires a columnist name', () => {
    expect(columnistSchema.safeParse({ name: '', role: 'r', shortBio: 'b' }).success).toBe(false);
  });
});
