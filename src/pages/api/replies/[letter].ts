import type { APIRoute } from 'astro';
import { threadPageQuery } from '../../../schemas/reply';
import { getDb } from '../../../server/db';
import { isDatabaseUnavailable } from '../../../server/db/errors';
import { letterExists } from '../../../server/replies/letters';
import { readPublicPage, threadVersion } from '../../../server/replies/service';

// A thread is the same for every reader, so it is a plain GET a browser or CDN may keep: the ETag
// names the thread's version, which every new, edited, moderated or voted reply moves on.
export const prerender = false;

/** The JSON of each cached page, made once: the service keeps a page object until its version moves on. */
const bodies = new WeakMap<object, string>();

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export const GET: APIRoute = async ({ params, url, request }) => {
  const parsed = threadPageQuery.safeParse({
    letterId: params.letter,
    sort: url.searchParams.get('sort') ?? undefined,
    page: url.searchParams.get('page') ?? undefined,
  });
  if (!parsed.success) return json({ error: parsed.error.issues[0]?.message ?? 'Bad request.' }, 400);
  const { letterId, sort, page } = parsed.data;
  if (!(await letterExists(letterId))) return json({ error: 'There is no letter at this address.' }, 404);
  try {
    const db = await getDb();
    const version = await threadVersion(db, letterId);
    const etag = `"${String(version)}-${sort}-${String(page)}"`;
    // Short enough that a shared cache never shows a thread long out of date; the browser always asks again.
    const headers = { ETag: etag, 'Cache-Control': 'public, max-age=0, s-maxage=5, must-revalidate' };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    const { page: shown } = await readPublicPage(db, letterId, sort, page, version);
    let body = bodies.get(shown);
    if (body === undefined) bodies.set(shown, (body = JSON.stringify(shown)));
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return json({ error: 'The replies cannot be read just now. Please try again in a few seconds.' }, 503, {
      'Retry-After': '5',
      'Cache-Control': 'no-store',
    });
  }
};
