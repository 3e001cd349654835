import type { AstroCookies } from 'astro';
import { config } from '../config';

export const SESSION_COOKIE = 'desk_session';
/** Double-submit token for the sign-in form, which has no session to hold a CSRF token yet. */
export const LOGIN_CSRF_COOKIE = 'desk_login_csrf';

function base(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config().production,
    // The cookies are only ever needed by the desk.
    path: '/desk',
    maxAge: maxAgeSeconds,
  };
}

export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: number, now = Date.now()): void {
  cookies.set(SESSION_COOKIE, token, base(Math.max(1, Math.floor((expiresAt - now) / 1000))));
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/desk' });
}

export function setLoginCsrfCookie(cookies: AstroCookies, token: string): void {
  cookies.set(LOGIN_CSRF_COOKIE, token, base(60 * 60));
}
