import type { MiddlewareHandler } from 'astro';
import { getDb } from '../db';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from './cookies';
import { csrfMatches, loadSession } from './sessions';
import { errorPage } from './error-page';

/** Desk paths anyone may reach: the sign-in form, the one-click unsubscribe link from emails, and "am I signed in?". */
const PUBLIC_DESK_PATHS = new Set(['/desk/login', '/desk/unsubscribe', '/desk/session.json']);

/**
 * Desk pages whose every form posts to a desk action. A POST to one without `?_action=` comes
 * from a page loaded before its form named its action, or from a script: it is told so (400)
 * rather than shown the page as if nothing had been sent.
 */
const ACTION_FORM_PAGES = [/^\/desk\/login$/, /^\/desk\/outbox$/, /^\/desk\/questions\/[^/]+$/];

function isStaleFormPost(path: string, url: URL, unsafe: boolean): boolean {
  return unsafe && !url.searchParams.has('_action') && ACTION_FORM_PAGES.some((page) => page.test(path));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function normalisePath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

function isDeskPath(pathname: string): boolean {
  return pathname === '/desk' || pathname.startsWith('/desk/');
}

/** Desk actions anyone may call: signing in (guarded by its own double-submit token instead of a session). */
const PUBLIC_DESK_ACTIONS = new Set(['desk.session.login']);

/**
 * The action a request names, read the way Astro reads it: the RPC path after `/_actions/`, or the
 * form's `?_action=`, with each dotted key percent-decoded. A desk action reached through any page
 * or through the RPC endpoint gets the same session and CSRF checks as a desk page.
 */
export function deskActionOf(url: URL): string | undefined {
  const raw = url.pathname.startsWith('/_actions/')
    ? url.pathname.replace(/^.*\/_actions\//, '')
    : url.searchParams.get('_action');
  if (!raw) return undefined;
  const keys = raw.split('.').map((key) => {
    try {
      return decodeURIComponent(key);
    } catch {
      return key;
    }
  });
  return keys[0]?.trim().toLowerCase() === 'desk' ? keys.join('.').replace(/\/+$/, '') : undefined;
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
 * Loads the editor's session for /desk pages and desk actions, sends visitors without one to
 * the sign-in form, and refuses any state-changing desk request whose CSRF token does not
 * match (403). Desk actions rely on this: `locals.desk` is only ever set here.
 */
export const deskAuth: MiddlewareHandler = async (context, next) => {
  if (context.isPrerendered) return next();
  const path = normalisePath(context.url.pathname);
  const action = deskActionOf(context.url);
  if (!isDeskPath(path) && !action) return next();

  const db = await getDb();
  const session = await loadSession(db, context.cookies.get(SESSION_COOKIE)?.value);
  context.locals.desk = session;
  const unsafe = !SAFE_METHODS.has(context.request.method);

  if (action ? PUBLIC_DESK_ACTIONS.has(action) : PUBLIC_DESK_PATHS.has(path)) {
    if (unsafe && (path === '/desk/login' || action === 'desk.session.login')) {
      const expected = context.cookies.get(LOGIN_CSRF_COOKIE)?.value;
      if (!expected || !csrfMatches(expected, await formToken(context.request))) return csrfRefusal();
    }
    if (isStaleFormPost(path, context.url, unsafe)) return staleFormRefusal();
    return withDeskHeaders(await next());
  }
  if (!session) {
    if (unsafe) return errorPage(403, 'Signed out', 'Your session has ended. Sign in again and repeat the action.');
    const back = encodeURIComponent(context.url.pathname + context.url.search);
    return context.redirect(`/desk/login?next=${back}`, 303);
  }
  if (unsafe && !csrfMatches(session.csrfToken, await formToken(context.request))) return csrfRefusal();
  if (isStaleFormPost(path, context.url, unsafe)) return staleFormRefusal();
  return withDeskHeaders(await next());
};

function csrfRefusal(): Response {
  return errorPage(
    403,
    'This form has expired',
    'The form was missing its security token or the token did not match. Go back, reload the page and try again.',
  );
}

function staleFormRefusal(): Response {
  return errorPage(
    400,
    'This form is out of date',
    'The page was loaded before the desk last changed, so the form did not say what it was for. Go back, reload the page and try again.',
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
