/**
 * One line an operator can act on for an error from opening or migrating the database:
 * the driver's own message, plus a hint for the failures people meet first.
 */
export function describeDbError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = (typeof e?.message === 'string' ? e.message : String(err)).split('\n')[0]?.trim() ?? '';
  const hints: Record<string, string> = {
    ECONNREFUSED: 'is PostgreSQL running, and do the host and port in DATABASE_URL match it?',
    ENOTFOUND: 'the host name in DATABASE_URL does not resolve',
    '28P01': 'the user name or password in DATABASE_URL is wrong',
    '3D000': 'the database named in DATABASE_URL does not exist; create it with createdb',
    SQLITE_CANTOPEN: 'the folder of SQLITE_PATH must exist and be writable',
    EACCES: 'the server may not write there; check the folder permissions',
  };
  const hint = code ? hints[code] : undefined;
  return hint ? `${message} (${hint})` : message || 'unknown error';
}

/** SQLite's primary result codes for "another connection holds the lock" (SQLITE_BUSY, SQLITE_LOCKED). */
const SQLITE_BUSY_CODES = new Set([5, 6]);
/** Node's network errors when the database server is down or drops the connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/** pg's own words when its pool cannot hand out a connection in time or the server went away. */
const PG_POOL_WORDS = /^(?:timeout exceeded when trying to connect|Connection terminated)/;

/**
 * Whether an error means the database is busy or out of reach for now, rather than that the request
 * or the code is wrong: the write lock held past the busy timeout by another process (a backup, a
 * script), PostgreSQL refusing connections (SQLSTATE class 08, 53 and 57P0x) or a pool that could not
 * connect. Such a request is answered 503 with Retry-After, having stored nothing, never 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; errcode?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return false;
  if (e.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number') return SQLITE_BUSY_CODES.has(e.errcode & 0xff);
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code)) return true;
    if (/^(?:08|53)[0-9A-Z]{3}$|^57P0[1-3]$/.test(e.code)) return true;
  }
  return typeof e.message === 'string' && PG_POOL_WORDS.test(e.message);
}
