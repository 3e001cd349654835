import { expect, test } from '@playwright/test';

// The project's own server (scripts/serve.mjs) in front of Astro's handler.
test.describe('serving the build', () => {
  test('scripts go out compressed when the browser accepts it, plain otherwise', async ({ request }) => {
    const br = await request.get('/pagefind/pagefind.js', { headers: { 'accept-encoding': 'br' } });
    expect(br.status()).toBe(200);
    expect(br.headers()['content-encoding']).toBe('br');
    expect(br.headers().vary).toBe('Accept-Encoding');
    expect(await br.text()).toContain('pagefind');

    const plain = await request.get('/pagefind/pagefind.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status()).toBe(200);
    expect(plain.headers()['content-encoding']).toBeUndefined();
  });

  test('pages and on-demand routes still come from Astro', async ({ request }) => {
    expect((await request.get('/letters/rain-spots/')).status()).toBe(200);
    expect((await request.get('/no-such-page/')).status()).toBe(404);
    const ask = await request.get('/ask');
    expect(ask.status()).toBe(200);
    expect(ask.headers()['x-content-type-options']).toBe('nosniff');
  });

  test('the origin check still refuses cross-site form posts everywhere else', async ({ request }) => {
    const res = await request.post('/letters/rain-spots/replies', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      data: 'name=x&body=y',
    });
    expect(res.status()).toBe(403);
  });
});

test.describe('HTTP rules of the site server', () => {
  const evil = 'https://evil.example';
  const form = 'application/x-www-form-urlencoded';

  test('?_action= cannot run an action cross-site on any on-demand page, the unsubscribe path included', async ({
    request,
  }) => {
    const pages = [
      '/desk/unsubscribe?t=anything&',
      '/desk/login?',
      '/ask?',
      '/ask/sent?',
      '/letters/rain-spots/replies?',
      '/readyz?',
    ];
    for (const page of pages) {
      for (const origin of [evil, undefined]) {
        const res = await request.post(`${page}_action=replies.create`, {
          headers: { 'content-type': form, ...(origin ? { origin } : {}) },
          data: 'List-Unsubscribe=One-Click',
        });
        expect(res.status(), `${page} from ${origin ?? 'no origin'}`).toBe(403);
      }
    }
  });

  test('one-click unsubscribe reaches its route only as RFC 8058 describes it', async ({ request }) => {
    // No Origin (a mail provider's server): the route itself answers, here refusing a bad token.
    const oneClick = await request.post('/desk/unsubscribe?t=not-a-token', {
      headers: { 'content-type': form },
      data: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status()).toBe(400);
    expect(await oneClick.text()).toContain('not valid');
    const notOneClick: [string, string][] = [
      ['/desk/unsubscribe?t=not-a-token', 'List-Unsubscribe=One-Click&name=x'],
      ['/desk/unsubscribe', 'List-Unsubscribe=One-Click'],
      ['/desk/unsubscribe/?t=not-a-token', 'List-Unsubscribe=One-Click'],
    ];
    for (const [url, body] of notOneClick) {
      const res = await request.post(url, { headers: { 'content-type': form }, data: body });
      expect(res.status(), `${url} ${body}`).toBe(403);
    }
  });

  test('malformed JSON and damaged return paths answer 4xx, not 500', async ({ baseURL, request }) => {
    const rpc = await request.post('/_actions/replies.list', {
      headers: { 'content-type': 'APPLICATION/JSON', origin: baseURL ?? '' },
      data: Buffer.from('{"letterId": '),
    });
    expect(rpc.status()).toBe(400);
    expect(await rpc.text()).toContain('not valid JSON');
    const page = await request.post('/ask?_action=questions.submit', {
      headers: { 'content-type': 'application/json; charset=utf-8', origin: baseURL ?? '' },
      data: Buffer.from('{oops'),
    });
    expect(page.status()).toBe(400);
    for (const next of ['%2Fdesk%0D%0ASet-Cookie:%20x=1', '%2Fdesk%00', '%2Fdesk%E2%80%A8'])
      expect((await request.get(`/desk/login?next=${next}`)).status(), next).toBe(400);
  });

  test('methods no route uses are refused, and every response carries the security headers', async ({ request }) => {
    const propfind = await request.fetch('/desk/login', { method: 'PROPFIND', data: 'x'.repeat(1000) });
    expect(propfind.status()).toBe(405);
    for (const url of ['/letters/rain-spots/', '/pagefind/pagefind.js', '/ask', '/healthz', '/no-such-page/']) {
      const res = await request.get(url);
      const csp = res.headers()['content-security-policy'] ?? '';
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers()['x-frame-options'], url).toBe('DENY');
      expect(res.headers()['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers()['referrer-policy'], url).toBeTruthy();
      expect(res.headers()['x-request-id'], url).toBeTruthy();
    }
  });

  test('pages revalidate with a strong ETag, and health and readiness answer', async ({ request }) => {
    const first = await request.get('/letters/rain-spots/', { headers: { 'accept-encoding': 'br' } });
    const etag = first.headers().etag ?? '';
    expect(first.headers()['content-encoding']).toBe('br');
    expect(etag).toMatch(/^"[\w-]+\.br"$/);
    const again = await request.get('/letters/rain-spots/', {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.status()).toBe(304);
    expect((await request.get('/healthz')).status()).toBe(200);
    const ready = await request.get('/readyz');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
