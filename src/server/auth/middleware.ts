import type { MiddlewareHandler } from 'astro';
import { getDb } from '../db';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from './cookies';
import { csrfMatches, loadSession } from './sessions';
import { errorPage } from './error-page';

/** Desk paths anyone may reach: the sign-in form, the one-click unsubscribe link from emails, and "am I signed in?". */
const PUBLIC_DESK_PATHS = new Set(['/desk/login', '/desk/unsubscribe', '/desk/session.json']);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function normalisePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

function isDeskPath(pathname: string): boolean {
  return pathname === '/desk' || pathname.startsWith('/desk/');
}

async function formToken(request: Request): Promise<unknown> {
  const header = request.headers.get('x-csrf-token');
  if (header) return header;
  try {
    return (await request.clone().formData()).get('_csrf');
  } catch {
    return undefined;
  }
}

/**
 * Loads the editor's session for /desk pages, sends visitors without one to the sign-in
 * form, and refuses any state-changing desk request whose CSRF token does not match (403).
 */
export const deskAuth: MiddlewareHandler = async (context, next) => {
  if (context.isPrerendered) return next();
  const path = normalisePath(context.url.pathname);
  if (!isDeskPath(path)) return next();

  const db = await getDb();
  const session = await loadSession(db, context.cookies.get(SESSION_COOKIE)?.value);
  context.locals.desk = session;
  const unsafe = !SAFE_METHODS.has(context.request.method);

  if (PUBLIC_DESK_PATHS.has(path)) {
    if (unsafe && path === '/desk/login') {
      const expected = context.cookies.get(LOGIN_CSRF_COOKIE)?.value;
      if (!expected || !csrfMatches(expected, await formToken(context.request))) return csrfRefusal();
    }
    return withDeskHeaders(await next());
  }
  if (!session) {
    if (unsafe) return errorPage(403, 'Signed out', 'Your session has ended. Sign in again and repeat the action.');
    const back = encodeURIComponent(context.url.pathname + context.url.search);
    return context.redirect(`/desk/login?next=${back}`, 303);
  }
  if (unsafe && !csrfMatches(session.csrfToken, await formToken(context.request))) return csrfRefusal();
  return withDeskHeaders(await next());
};

function csrfRefusal(): Response {
  return errorPage(
    403,
    'This form has expired',
    'The form was missing its security token or the token did not match. Go back, reload the page and try again.',
  );
}

/** Desk pages hold private data: never cached, never framed. */
function withDeskHeaders(response: Response): Response {
  try {
    response.headers.set('Cache-Control', 'no-store');
    response.headers.set('X-Frame-Options', 'DENY');
    response.headers.set('Referrer-Policy', 'same-origin');
  } catch {
    // Redirect responses from Response.redirect have immutable headers; they carry nothing private.
  }
  return response;
}
