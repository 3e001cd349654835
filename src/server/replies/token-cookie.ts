import type { AstroCookies } from 'astro';

/** Readers without JavaScript keep their reply tokens in this cookie instead of localStorage. */
const COOKIE = 'pursebop_reply_tokens';
const MAX_TOKENS = 20;

export function readTokenCookie(cookies: AstroCookies): string[] {
  const raw = cookies.get(COOKIE)?.value ?? '';
  return raw
    .split('~')
    .filter((t) => /^[\w.-]{1,200}$/.test(t))
    .slice(-MAX_TOKENS);
}

export function writeTokenCookie(cookies: AstroCookies, token: string, secure: boolean): void {
  const tokens = [...readTokenCookie(cookies), token].slice(-MAX_TOKENS);
  cookies.set(COOKIE, tokens.join('~'), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: 30 * 24 * 60 * 60,
  });
}

/** The plain page's copy of the author key (see author-key.ts): HttpOnly, so page scripts never read it. */
export const AUTHOR_COOKIE = 'pursebop_author';

export function readAuthorCookie(cookies: AstroCookies): string | undefined {
  return authorCookieValue(cookies.get(AUTHOR_COOKIE)?.value);
}

/** The author cookie's value when it is well formed (its signature is checked where it is used). */
export function authorCookieValue(value: string | undefined): string | undefined {
  return value && /^[\w.-]{1,200}$/.test(value) ? value : undefined;
}

export function writeAuthorCookie(cookies: AstroCookies, authorKey: string, secure: boolean): void {
  cookies.set(AUTHOR_COOKIE, authorKey, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: 365 * 24 * 60 * 60,
  });
}

/** After a plain post created a reply: the browser keeps its author token and author key in cookies. */
export function keepAuthorship(
  cookies: AstroCookies,
  created: { token: string; authorKey?: string | undefined },
  secure: boolean,
): void {
  writeTokenCookie(cookies, created.token, secure);
  if (created.authorKey) writeAuthorCookie(cookies, created.authorKey, secure);
}
