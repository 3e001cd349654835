import type { AstroCookies } from 'astro';
import { config } from '../config';

export const SESSION_COOKIE = 'desk_session';
/** Double-submit token for the sign-in form, which has no session to hold a CSRF token yet. */
export const LOGIN_CSRF_COOKIE = 'desk_login_csrf';
/** Marks a browser that signed in before (see device.ts); kept across sessions. */
export const DEVICE_COOKIE = 'desk_device';
const DEVICE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * `https`: the visitor reached the site over TLS, directly or through a trusted proxy
 * (see clientUsesHttps); production always marks the cookies Secure.
 */
function base(maxAgeSeconds: number, https: boolean) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config().production || https,
    // The cookies are only ever needed by the desk.
    path: '/desk',
    maxAge: maxAgeSeconds,
  };
}

export function setSessionCookie(
  cookies: AstroCookies,
  token: string,
  expiresAt: number,
  https: boolean,
  now = Date.now(),
): void {
  cookies.set(SESSION_COOKIE, token, base(Math.max(1, Math.floor((expiresAt - now) / 1000)), https));
}

export function clearSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/desk' });
}

export function setLoginCsrfCookie(cookies: AstroCookies, token: string, https: boolean): void {
  cookies.set(LOGIN_CSRF_COOKIE, token, base(60 * 60, https));
}

export function setDeviceCookie(cookies: AstroCookies, token: string, https: boolean): void {
  cookies.set(DEVICE_COOKIE, token, base(DEVICE_MAX_AGE_SECONDS, https));
}
