/** Everything the Article structured data needs, already resolved to absolute URLs. */
export interface ArticleFacts {
  url: string;
  headline: string;
  description: string;
  published: Date;
  modified?: Date | undefined;
  authorName: string;
  authorUrl: string;
  imageUrl: string;
  siteUrl: string;
}

/** schema.org Article for one letter page, as plain data ready for JSON.stringify. */
export function articleJsonLd(facts: ArticleFacts): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: facts.headline,
    description: facts.description,
    datePublished: facts.published.toISOString(),
    dateModified: (facts.modified ?? facts.published).toISOString(),
    author: { '@type': 'Person', name: facts.authorName, url: facts.authorUrl },
    publisher: { '@type': 'Organization', name: 'Dear PurseBop', url: facts.siteUrl },
    image: [facts.imageUrl],
    mainEntityOfPage: { '@type': 'WebPage', '@id': facts.url },
    isPartOf: { '@type': 'CreativeWorkSeries', name: 'Dear PurseBop' },
  };
}
