import type { APIRoute } from 'astro';
import { getDb } from '../../server/db';
import { countPublishedRepliesByLetter } from '../../server/replies/repository';

export const prerender = false;

/**
 * Letter slug → published replies, for the counts on list pages. One small response for every
 * list page, cached briefly by browsers and shared caches: a count a minute old is fine there.
 */
export const GET: APIRoute = async () => {
  const counts = await countPublishedRepliesByLetter(await getDb());
  return new Response(JSON.stringify(counts), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=60, stale-while-revalidate=300',
    },
  });
};
