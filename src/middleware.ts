import { defineMiddleware, sequence } from 'astro:middleware';
import { deskAuth } from './server/auth/middleware';

/** Largest request body the server reads; anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refuses oversized bodies by their declared length (Astro's action parser enforces the same cap while reading). */
export const limitBodySize = defineMiddleware((context, next) => {
  if (!bodyMethods.has(context.request.method)) return next();
  const declared = Number(context.request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    return new Response(`Request body too large: the limit is ${String(MAX_BODY_BYTES / 1024)} KiB.`, {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
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

// deskAuth also answers 503 on every on-demand route when production lacks SITE_SECRET.
export const onRequest = sequence(limitBodySize, addSecurityHeaders, deskAuth);
