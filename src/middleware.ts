import { defineMiddleware, sequence } from 'astro:middleware';
import { deskAuth } from './server/auth/middleware';
import { startNotifyTimer } from './server/notify/timer';

/** Largest request body the server reads; anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const tooLarge = () =>
  new Response(`Request body too large: the limit is ${String(MAX_BODY_BYTES / 1024)} KiB.`, {
    status: 413,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });

/** Reads a copy of the body, giving up (undefined) as soon as it passes `limit` bytes. */
async function readLimited(request: Request, limit: number): Promise<string | undefined> {
  const reader = request.clone().body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a tee settles only once the other branch is cancelled too.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Refuses oversized bodies before anything parses them: by the declared length, or, for
 * a chunked body without one, by reading at most the limit.
 */
export const limitBodySize = defineMiddleware(async (context, next) => {
  if (!bodyMethods.has(context.request.method)) return next();
  const declared = context.request.headers.get('content-length');
  if (declared !== null) return Number(declared) > MAX_BODY_BYTES ? tooLarge() : next();
  return (await readLimited(context.request, MAX_BODY_BYTES)) === undefined ? tooLarge() : next();
});

/**
 * Astro's action endpoint lets a JSON syntax error escape as a 500; answer it as the
 * caller's mistake it is, in the shape the actions client understands.
 */
export const rejectMalformedJson = defineMiddleware(async (context, next) => {
  const type = context.request.headers.get('content-type') ?? '';
  if (context.request.method !== 'POST' || !context.url.pathname.startsWith('/_actions/')) return next();
  if (!type.startsWith('application/json')) return next();
  const text = (await readLimited(context.request, MAX_BODY_BYTES)) ?? '';
  try {
    if (text.trim() !== '') JSON.parse(text);
  } catch {
    const error = {
      type: 'AstroActionError',
      code: 'BAD_REQUEST',
      status: 400,
      message: 'The request body is not JSON.',
    };
    return new Response(JSON.stringify(error), { status: 400, headers: { 'content-type': 'application/json' } });
  }
  return next();
});

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

/** Hardening headers on every server response, plus Retry-After when an action was rate limited. */
export const addSecurityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(securityHeaders)) if (!headers.has(name)) headers.set(name, value);
  const retryAfter = context.locals.retryAfterSeconds;
  if (response.status === 429 && retryAfter !== undefined) headers.set('retry-after', String(retryAfter));
  // Response headers can be immutable (e.g. from fetch or static handlers), so answer with a copy.
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
});

/**
 * The one place background work starts: the notification and housekeeping timer, once per
 * process, on the first on-demand request (so a build that prerenders pages never starts it).
 */
export const startBackgroundJobs = defineMiddleware((_context, next) => {
  startNotifyTimer();
  return next();
});

const onDemand = sequence(startBackgroundJobs, limitBodySize, addSecurityHeaders, rejectMalformedJson, deskAuth);

/**
 * A prerendered page has no real request to check, and touching its headers makes Astro log a
 * warning for every page written (thousands of lines, and seconds, per build).
 */
export const onRequest = defineMiddleware((context, next) =>
  context.isPrerendered ? next() : onDemand(context, next),
);
