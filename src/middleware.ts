import { ActionError, getActionContext } from 'astro:actions';
import { defineMiddleware, sequence } from 'astro:middleware';
import { deskAuth } from './server/auth/middleware';
import { bodyOverLimit, bodyTooLargeMessage, readLimited } from './server/body-limit';
import { log } from './server/log';
import { SITE_FAULT } from './server/site-fault';
import { mediaTypeOf, sameOriginPost } from './server/request';
import { startNotifyTimer } from './server/notify/timer';

/** The only body a mail provider's RFC 8058 one-click unsubscribe POST carries. */
export const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD']);

const plainText = (status: number, message: string, extra: Record<string, string> = {}) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...extra } });

/**
 * Refuses oversized bodies before anything parses them. The site server already bounds
 * every body before Astro sees it (and states its length); this covers `astro dev`.
 */
export const limitBodySize = defineMiddleware(async (context, next) => {
  if (READ_ONLY_METHODS.has(context.request.method)) return next();
  return (await bodyOverLimit(context.request)) ? plainText(413, bodyTooLargeMessage()) : next();
});

function mediaType(request: Request): string {
  return mediaTypeOf(request.headers.get('content-type'));
}

/** Whether the request comes from a page of this site (the rule is sameOriginPost's). */
export function isSameOriginRequest(request: Request, url: URL): boolean {
  return sameOriginPost((name) => request.headers.get(name), url.origin);
}

/**
 * RFC 8058: a mail provider POSTs `List-Unsubscribe=One-Click` to the link in the mail,
 * from its own servers and with no Origin. Only that exact request is let through: the
 * unsubscribe path itself, a token, no action name (so Astro runs no form action), and
 * nothing else in the body. The route still verifies the token.
 */
export async function isOneClickUnsubscribe(request: Request, url: URL): Promise<boolean> {
  if (request.method !== 'POST' || url.pathname !== '/desk/unsubscribe') return false;
  if (!url.searchParams.get('t') || url.searchParams.has('_action')) return false;
  if (mediaType(request) !== 'application/x-www-form-urlencoded') return false;
  return (await readLimited(request, ONE_CLICK_BODY.length)) === ONE_CLICK_BODY;
}

/**
 * The cross-site request check for every request that can change something — pages, form
 * actions named by `?_action=` on any page, the actions endpoint and endpoints alike.
 * Astro's own check is off (astro.config.mjs) so that this one, with its single
 * exemption, is the only rule.
 */
export const checkOrigin = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  if (READ_ONLY_METHODS.has(request.method)) return next();
  if (isSameOriginRequest(request, url) || (await isOneClickUnsubscribe(request, url))) return next();
  return plainText(403, `Cross-site ${request.method} requests are refused: submit the form from a page of this site.`);
});

function isActionCall(url: URL): boolean {
  return url.pathname.startsWith('/_actions/') || url.searchParams.has('_action');
}

/**
 * Astro lets a JSON syntax error in an action's body escape as a 500. Rather than parse
 * every body twice, the error is caught on its way out and answered as the caller's
 * mistake, in the shape the actions client understands (RPC) or as text (form posts).
 */
export const answerMalformedJson = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (err) {
    if (
      !(err instanceof SyntaxError) ||
      !isActionCall(context.url) ||
      mediaType(context.request) !== 'application/json'
    )
      throw err;
    const message = 'The request body is not valid JSON.';
    if (!context.url.pathname.startsWith('/_actions/')) return plainText(400, message);
    const error = { type: 'AstroActionError', code: 'BAD_REQUEST', status: 400, message };
    return new Response(JSON.stringify(error), { status: 400, headers: { 'content-type': 'application/json' } });
  }
});

/**
 * Runs the action a POST names, as Astro would right after the middleware, so that a fault of the
 * site's own is answered 503 with a plain line and Retry-After. Astro turns anything an action throws
 * that is not an ActionError (including a schema check that throws) into a 500 carrying the error's
 * own message, which can name files or the database; that message goes to the log instead. Last in
 * the chain, so the origin, body and desk checks have all passed.
 */
export const answerActionFaults = defineMiddleware(async (context, next) => {
  const actionContext = getActionContext(context);
  const { action } = actionContext;
  if (!action) return next();
  let result = await action.handler();
  if (result.error?.code === 'INTERNAL_SERVER_ERROR') {
    log('actions').error({ action: action.name, error: { message: result.error.message } }, 'an action failed');
    context.locals.retryAfterSeconds = SITE_FAULT.retryAfterSeconds;
    result = { data: undefined, error: new ActionError({ code: 'SERVICE_UNAVAILABLE', message: SITE_FAULT.message }) };
  }
  const serialized = actionContext.serializeActionResult(result);
  if (action.calledFrom === 'form') {
    // The page renders with the result, as after Astro's own run of the action.
    actionContext.setActionResult(action.name, serialized);
    return next();
  }
  if (serialized.type === 'empty') return new Response(null, { status: serialized.status });
  return new Response(serialized.body, {
    status: serialized.status,
    headers: { 'content-type': serialized.contentType },
  });
});

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Hardening headers on every on-demand response (the site server sends them for static
 * files too), plus Retry-After when an action was rate limited or the database was busy. Also names the route for
 * the request log.
 */
export const addSecurityHeaders = defineMiddleware(async (context, next) => {
  if (context.locals.requestLog) context.locals.requestLog.route = context.routePattern;
  const response = await next();
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(securityHeaders)) if (!headers.has(name)) headers.set(name, value);
  const retryAfter = context.locals.retryAfterSeconds;
  if ((response.status === 429 || response.status === 503) && retryAfter !== undefined)
    headers.set('retry-after', String(retryAfter));
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

// deskAuth also answers 503 on every on-demand route when production lacks SITE_SECRET.
const onDemand = sequence(
  startBackgroundJobs,
  limitBodySize,
  addSecurityHeaders,
  checkOrigin,
  answerMalformedJson,
  deskAuth,
  answerActionFaults,
);

/**
 * A prerendered page has no real request to check, and touching its headers makes Astro log a
 * warning for every page written (thousands of lines, and seconds, per build).
 */
export const onRequest = defineMiddleware((context, next) =>
  context.isPrerendered ? next() : onDemand(context, next),
);
