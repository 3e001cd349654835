/**
 * Headers for pages whose URL is a secret: keep them out of caches, search engines and
 * other sites' referrer logs. Set from the page itself, before the response starts streaming.
 */
export function markPrivate(response: { headers: Headers }): void {
  response.headers.set('Cache-Control', 'private, no-store');
  response.headers.set('Referrer-Policy', 'no-referrer');
  response.headers.set('X-Robots-Tag', 'noindex, nofollow');
}

/** 404 for a link that matches nothing, 503 (with a retry hint) when the database is away. */
export function markLookupFailure(response: { status?: number; headers: Headers }, reason: 'unknown' | 'unavailable') {
  response.status = reason === 'unknown' ? 404 : 503;
  if (reason === 'unavailable') response.headers.set('Retry-After', '60');
}
