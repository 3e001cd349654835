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
