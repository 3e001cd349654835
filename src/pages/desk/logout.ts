import type { APIRoute } from 'astro';
import { clearSessionCookie, SESSION_COOKIE } from '../../server/auth/cookies';
import { deleteSession } from '../../server/auth/sessions';
import { getDb } from '../../server/db';

export const prerender = false;

/** Ends the session (the middleware has already checked the CSRF token). */
export const POST: APIRoute = async ({ cookies, redirect }) => {
  await deleteSession(await getDb(), cookies.get(SESSION_COOKIE)?.value);
  clearSessionCookie(cookies);
  return redirect('/desk/login?signedout=1', 303);
};
