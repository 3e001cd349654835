import type { AstroCookies, AstroCookieSetOptions } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { setDeviceCookie, setLoginCsrfCookie, setSessionCookie } from '../../../src/server/auth/cookies';
import { resetConfig } from '../../../src/server/config';
import { writeTokenCookie } from '../../../src/server/replies/token-cookie';
import { clientKeyOf, clientUsesHttps } from '../../../src/server/request';

const saved = { TRUSTED_PROXIES: process.env.TRUSTED_PROXIES, NODE_ENV: process.env.NODE_ENV };

afterEach(() => {
  if (saved.TRUSTED_PROXIES === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = saved.TRUSTED_PROXIES;
  if (saved.NODE_ENV === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = saved.NODE_ENV;
  resetConfig();
});

function behind(proxies: string): void {
  process.env.TRUSTED_PROXIES = proxies;
  process.env.NODE_ENV = 'development';
  resetConfig();
}

/** A request as the Node adapter sees it behind a TLS-terminating proxy: plain HTTP from the proxy. */
function viaProxy(peer: string, headers: Record<string, string>) {
  return { clientAddress: peer, request: new Request('http://127.0.0.1:4321/desk/login', { headers }) };
}

/** Records the options of every cookie set. */
function recorder(): { cookies: AstroCookies; options: Map<string, AstroCookieSetOptions | undefined> } {
  const options = new Map<string, AstroCookieSetOptions | undefined>();
  const cookies = {
    get: () => undefined,
    set: (name: string, _value: string, opts?: AstroCookieSetOptions) => options.set(name, opts),
  } as unknown as AstroCookies;
  return { cookies, options };
}

describe('behind a TLS-terminating proxy', () => {
  it('believes X-Forwarded-Proto and X-Forwarded-For from a proxy inside a trusted range', () => {
    behind('10.0.0.0/8');
    const origin = viaProxy('10.1.2.3', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.4' });
    expect(clientUsesHttps(origin)).toBe(true);
    expect(clientKeyOf(origin)).toBe('198.51.100.4');
  });

  it('believes neither from any other peer', () => {
    behind('10.0.0.0/8');
    const origin = viaProxy('203.0.113.5', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.4' });
    expect(clientUsesHttps(origin)).toBe(false);
    expect(clientKeyOf(origin)).toBe('203.0.113.5');
  });

  it('marks the reply edit cookie and the desk cookies Secure when the visitor used HTTPS', () => {
    behind('10.0.0.0/8');
    const https = clientUsesHttps(viaProxy('10.1.2.3', { 'x-forwarded-proto': 'https' }));
    const { cookies, options } = recorder();
    writeTokenCookie(cookies, '1.2.abcdefghijklmnopqrstuvwxyz', https);
    setSessionCookie(cookies, 'token', Date.now() + 60_000, https);
    setLoginCsrfCookie(cookies, 'csrf', https);
    setDeviceCookie(cookies, 'device', https);
    expect([...options.values()].map((o) => o?.secure)).toEqual([true, true, true, true]);
  });

  it('leaves them usable over plain HTTP in development when the scheme is not vouched for', () => {
    behind('');
    const https = clientUsesHttps(viaProxy('203.0.113.5', { 'x-forwarded-proto': 'https' }));
    const { cookies, options } = recorder();
    setSessionCookie(cookies, 'token', Date.now() + 60_000, https);
    writeTokenCookie(cookies, '1.2.abcdefghijklmnopqrstuvwxyz', https);
    expect([...options.values()].map((o) => o?.secure)).toEqual([false, false]);
  });
});
