import type { APIRoute } from 'astro';
import { loadCatalogue, topicsOf } from '../catalogue/letters';
import { buildVocabulary } from '../lib/search/did-you-mean';

/**
 * The site's own words (headlines, summaries, topics, brands, pseudonyms and letter text),
 * most frequent first, for the search page's "Did you mean …". Written once per build and
 * fetched only when a query has a word the site does not use.
 */
export const GET: APIRoute = async () => {
  const catalogue = await loadCatalogue();
  const texts = catalogue.letters.flatMap((letter) => [
    letter.data.headline,
    letter.data.summary,
    letter.data.pseudonym,
    ...letter.data.brands,
    ...topicsOf(letter, catalogue).map((t) => t.data.name),
    letter.body ?? '',
  ]);
  return new Response(JSON.stringify(buildVocabulary(texts)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
