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
