import { describe, expect, it } from 'vitest';
import { articleJsonLd } from '../../../src/lib/json-ld';

const facts = {
  url: 'https://example.org/letters/x/',
  headline: 'Should I?',
  description: 'A reader asks.',
  published: new Date('2024-01-02T00:00:00Z'),
  authorName: 'PurseBop',
  authorUrl: 'https://example.org/columnists/pursebop/',
  imageUrl: 'https://example.org/og/x.png',
  siteUrl: 'https://example.org/',
};

describe('articleJsonLd', () => {
  it('has the properties search engines require for an Article', () => {
    const ld = articleJsonLd(facts);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: 'Should I?',
      datePublished: '2024-01-02T00:00:00.000Z',
      dateModified: '2024-01-02T00:00:00.000Z',
      author: { '@type': 'Person', name: 'PurseBop', url: facts.authorUrl },
      publisher: { '@type': 'Organization', name: 'Dear PurseBop' },
      image: [facts.imageUrl],
      mainEntityOfPage: { '@type': 'WebPage', '@id': facts.url },
    });
  });
  it('uses the updated date as dateModified when there is one', () => {
    expect(articleJsonLd({ ...facts, modified: new Date('2024-03-01T00:00:00Z') }).dateModified).toBe(
      '2024-03-01T00:00:00.000Z',
    );
  });
});

describe('articleJsonLd series', () => {
  it('says every letter is part of the Dear PurseBop series', () => {
    const d = new Date('2026-05-19T00:00:00Z');
    const ld = articleJsonLd({
      url: 'https://x.example/letters/a/',
      headline: 'h',
      description: 'd',
      published: d,
      authorName: 'a',
      authorUrl: 'https://x.example/columnists/a/',
      imageUrl: 'https://x.example/og/a.png',
      siteUrl: 'https://x.example/',
    });
    expect(ld.isPartOf).toEqual({ '@type': 'CreativeWorkSeries', name: 'Dear PurseBop' });
  });
});
