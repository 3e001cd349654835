import type { APIRoute } from 'astro';
import { ogCacheKey } from '../../lib/og-key';
import { ogImage } from '../../og/cache';
import { findPublishedLetter, serverCatalogue } from '../../server/catalogue/manifest';

// Drawn on first request and kept in the content-keyed cache, not at build time: at thousands of
// letters drawing every card was a large share of the build, while most cards are never fetched.
export const prerender = false;

export const GET: APIRoute = async ({ params, request }) => {
  const letter = await findPublishedLetter(params.slug ?? '');
  // Only published letters: the cache can never be filled with cards for made-up addresses.
  if (!letter) return new Response('No such letter.', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  const { columnists } = await serverCatalogue();
  const card = {
    headline: letter.headline,
    pseudonym: letter.pseudonym,
    columnist: columnists.get(letter.columnist) ?? letter.columnist,
  };
  const etag = `"${ogCacheKey(card)}"`;
  const headers = { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600', ETag: etag };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const png = await ogImage(card, undefined, undefined, true);
  return new Response(new Uint8Array(png), { headers });
};
