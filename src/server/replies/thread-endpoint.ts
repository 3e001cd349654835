import { threadPageQuery } from '../../schemas/reply';
import { getDb } from '../db';
import { isDatabaseUnavailable } from '../db/errors';
import { letterExists } from './letters';
import { readPublicPage, threadVersion } from './service';

/** A finished HTTP answer, free of any framework: the Astro route and the site server both send it. */
export interface ThreadAnswer {
  status: number;
  headers: Record<string, string>;
  /** Empty for a 304. */
  body: string;
}

/** The request as the site server can hand it over without building a Request object. */
export interface ThreadQuery {
  /** The `[letter]` path segment, decoded. */
  letter: string | undefined;
  sort: string | null;
  page: string | null;
  ifNoneMatch: string | null;
}

/**
 * Short enough that a shared cache never shows a thread long out of date; the browser always
 * asks again, and every answer (200 or 304) is decided against the thread's version read now.
 */
const CACHE_CONTROL = 'public, max-age=0, s-maxage=5, must-revalidate';

/** The JSON of each cached page, made once: the service keeps a page object until its version moves on. */
const bodies = new WeakMap<object, string>();

const json = (body: unknown, status: number, headers: Record<string, string> = {}): ThreadAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * GET /api/replies/<letter>: one page of a letter's public thread. The ETag names the thread's
 * version, which every new, edited, moderated or voted reply moves on; the version is read from
 * the database on every request (one keyed row), so several server instances on one PostgreSQL
 * never answer from a page another instance has already changed.
 */
export async function answerThread(query: ThreadQuery): Promise<ThreadAnswer> {
  const parsed = threadPageQuery.safeParse({
    letterId: query.letter,
    sort: query.sort ?? undefined,
    page: query.page ?? undefined,
  });
  if (!parsed.success) return json({ error: parsed.error.issues[0]?.message ?? 'Bad request.' }, 400);
  const { letterId, sort, page } = parsed.data;
  if (!(await letterExists(letterId))) return json({ error: 'There is no letter at this address.' }, 404);
  try {
    const db = await getDb();
    const version = await threadVersion(db, letterId);
    const etag = `"${String(version)}-${sort}-${String(page)}"`;
    const headers = { ETag: etag, 'Cache-Control': CACHE_CONTROL };
    if (query.ifNoneMatch === etag) return { status: 304, headers, body: '' };
    const { page: shown } = await readPublicPage(db, letterId, sort, page, version);
    let body = bodies.get(shown);
    if (body === undefined) bodies.set(shown, (body = JSON.stringify(shown)));
    return { status: 200, headers: { 'Content-Type': 'application/json', ...headers }, body };
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return json({ error: 'The replies cannot be read just now. Please try again in a few seconds.' }, 503, {
      'Retry-After': '5',
      'Cache-Control': 'no-store',
    });
  }
}
