import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/server/log';
import {
  actsUnderOwnPolicy,
  assetPolicy,
  createSiteServer,
  INERT_FILE_CSP,
  loadBuild,
  type SiteServer,
} from '../../../scripts/site-server';

// A small stand-in for an Astro build: a client folder of static files, the per-page CSP
// file, and a server entry whose handler records what reaches it.
interface Probe {
  /** The thread answerer the fake build's route registers, as the real route does. */
  thread?: (query: Record<string, string | null | undefined>) => Promise<unknown>;
  /** The reply post answerer the fake build's action registers, as the real action does. */
  createReply?: (post: Record<string, unknown>) => Promise<unknown>;
  calls: { url: string; method: string; bodyLength: number | undefined; contentLength: string | undefined }[];
  slowStarted?: () => void;
  releaseSlow?: () => void;
}
const probe: Probe = { calls: [] };
(globalThis as Record<string, unknown>).__siteServerProbe = probe;

const ENTRY = `
export function handler(req, res, _next, locals) {
  const probe = globalThis.__siteServerProbe;
  probe.calls.push({ url: req.url, method: req.method, bodyLength: req.body?.length, contentLength: req.headers['content-length'] });
  locals.requestLog.route = req.url.startsWith('/slow') ? '/slow' : '/echo';
  if (req.url.startsWith('/api/replies/') && probe.thread) locals.siteHooks.thread ??= probe.thread;
  if (req.url.startsWith('/_actions/replies.create') && probe.createReply) locals.siteHooks.createReply ??= probe.createReply;
  if (req.url.startsWith('/slow')) {
    probe.slowStarted?.();
    return new Promise((resolve) => {
      probe.releaseSlow = () => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('slow done'); resolve(); };
    });
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true }));
}
`;

const PAGE_CSP = "default-src 'self'; script-src 'self' 'sha256-abc'; frame-ancestors 'none'";
const SITE_CSP = "default-src 'self'; script-src 'self' 'sha256-c2l0ZQ=='; frame-ancestors 'none'";
const page = `<!doctype html><html><body>${'<p>Dear PurseBop, a letter about a bag.</p>'.repeat(80)}</body></html>`;
const script = `export const x = ${JSON.stringify('pagefind '.repeat(400))};`;

let root: string;
let site: SiteServer;
let base: string;
let logged: Record<string, unknown>[] = [];

function write(rel: string, content: string | Buffer): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

async function start(timeouts = {}, hsts: 'always' | 'https' = 'always'): Promise<void> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        logged.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  site = createSiteServer({
    build: await loadBuild(root),
    logger: createLogger('info', sink),
    hsts,
    isTrustedProxy: (address) => address === '127.0.0.1' || address === '::ffff:127.0.0.1',
    timeouts,
  });
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((site.server.address() as AddressInfo).port)}`;
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'site-server-'));
  write('server/entry.mjs', ENTRY);
  write('client/index.html', page);
  write('client/letters/a/index.html', page.replace('letter', 'second letter'));
  write('client/404.html', '<!doctype html><p>Not here</p>');
  write('client/_astro/app.abc123.js', script);
  write('client/_astro/app.abc123.js.br', brotliCompressSync(script));
  write('client/pagefind/pagefind.js', script);
  write('client/pagefind/pagefind.js.br', brotliCompressSync(script));
  write('client/pagefind/fragment/en_0a1b2c.pf_fragment', Buffer.from([1, 2, 3]));
  write('client/pagefind/pagefind-entry.json', '{"version":"1"}');
  write('client/_astro/body.abc123.woff2', Buffer.from([4, 5, 6]));
  write('client/favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write('client/.hidden', 'never served');
  write(
    '_headers.json',
    JSON.stringify([
      { pathname: '/letters/a', headers: [{ key: 'Content-Security-Policy', value: PAGE_CSP }] },
      { pathname: '/404', headers: [{ key: 'Content-Security-Policy', value: SITE_CSP }] },
    ]),
  );
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

afterEach(async () => {
  probe.calls = [];
  logged = [];
  if (site.server.listening) await site.shutdown(1000);
});

/** A raw HTTP/1.1 request, so methods and bodies are exactly what an attacker would send. */
function rawRequest(
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: { chunks: number; chunkBytes: number },
): Promise<{ status: number; text: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers });
    let bytesSent = 0;
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString(), bytesSent });
      });
    });
    req.on('error', reject);
    if (!body) {
      req.end();
      return;
    }
    const chunk = Buffer.alloc(body.chunkBytes, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < body.chunks && !req.destroyed) {
        sent += 1;
        bytesSent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

describe('site server: static files', () => {
  it('answers a page with a strong ETag and a 304 when the browser has it', async () => {
    await start();
    const first = await fetch(`${base}/letters/a/`, { headers: { 'accept-encoding': 'identity' } });
    const etag = first.headers.get('etag') ?? '';
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    expect(await first.text()).toContain('second letter');

    const again = await fetch(`${base}/letters/a`, {
      headers: { 'accept-encoding': 'identity', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('compresses HTML for browsers that accept it, with its own validator per encoding', async () => {
    await start();
    const res = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br' } });
    const plain = await fetch(`${base}/`, { headers: { 'accept-encoding': 'identity' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+\.br"$/);
    // fetch decodes transparently; the size proves the body travelled compressed.
    expect(Number(res.headers.get('content-length'))).toBeLessThan(page.length / 4);
    expect(await res.text()).toBe(page);

    const gz = await rawRequest('GET', '/', { 'accept-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    const revalidated = await fetch(`${base}/`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': res.headers.get('etag') ?? '' },
    });
    expect(revalidated.status).toBe(304);
  });

  it('sends the copies the build compressed, and Pagefind files revalidate or stay cached by name', async () => {
    await start();
    const raw = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get(`${base}/pagefind/pagefind.js`, { headers: { 'accept-encoding': 'gzip, br' } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => {
            resolve({ headers: res.headers, body: Buffer.concat(parts) });
          });
        })
        .on('error', reject);
    });
    expect(raw.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(raw.body).toString()).toBe(script);
    expect(raw.headers['cache-control']).toBe('public, no-cache');
    expect(raw.headers.etag).toMatch(/^"[\w-]+\.br"$/);

    const fragment = await fetch(`${base}/pagefind/fragment/en_0a1b2c.pf_fragment`);
    expect(fragment.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const asset = await fetch(`${base}/_astro/app.abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('gzips when brotli is not accepted', async () => {
    await start();
    const body = await new Promise<Buffer>((resolve, reject) => {
      http
        .get(`${base}/`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          expect(res.headers['content-encoding']).toBe('gzip');
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => {
            resolve(Buffer.concat(parts));
          });
        })
        .on('error', reject);
    });
    expect(gunzipSync(body).toString()).toBe(page);
  });

  it('never serves dotfiles or paths outside the build', async () => {
    await start();
    expect(await (await fetch(`${base}/.hidden`)).text()).not.toContain('never served');
    expect((await rawRequest('GET', '/%2e%2e/server/entry.mjs', {})).text).not.toContain('globalThis');
    expect((await rawRequest('GET', '/../server/entry.mjs', {})).text).not.toContain('globalThis');
  });
});

describe('site server: headers on every response', () => {
  it('puts the security headers on static files, pages and Astro responses alike', async () => {
    await start();
    for (const url of ['/', '/letters/a/', '/_astro/app.abc123.js', '/echo', '/no-such-file.png']) {
      const res = await fetch(`${base}${url}`);
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('strict-transport-security'), url).toMatch(/max-age=\d+/);
      expect(res.headers.get('content-security-policy'), url).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-request-id'), url).toMatch(/^[\w-]{36}$/);
    }
    // A prerendered page gets the policy Astro computed for it (its inline-script hashes).
    expect((await fetch(`${base}/letters/a/`)).headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect((await fetch(`${base}/echo`)).headers.get('content-security-policy')).toBe(SITE_CSP);
  });

  it('gives scripts and SVG the site policy without its inline hashes, which only pages use', async () => {
    const policy =
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-abc=' 'sha384-d/e+f'; style-src 'self' 'sha512-x'; frame-ancestors 'none'";
    expect(assetPolicy(policy)).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; frame-ancestors 'none'",
    );
    await start();
    // A worker runs under its script's policy, so scripts keep every fetch and WebAssembly source.
    for (const url of ['/_astro/app.abc123.js', '/pagefind/pagefind.js', '/favicon.svg'])
      expect((await fetch(`${base}${url}`)).headers.get('content-security-policy'), url).toBe(assetPolicy(SITE_CSP));
  });

  it('gives inert files (index chunks, JSON, fonts) a short deny-all policy, its 304s too, and keeps the other guards', async () => {
    await start();
    for (const url of [
      '/pagefind/fragment/en_0a1b2c.pf_fragment',
      '/pagefind/pagefind-entry.json',
      '/_astro/body.abc123.woff2',
    ]) {
      const res = await fetch(`${base}${url}`, { headers: { 'accept-encoding': 'identity' } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-security-policy'), url).toBe(INERT_FILE_CSP);
      expect(res.headers.get('content-security-policy'), url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('strict-transport-security'), url).toMatch(/max-age=31536000/);
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      // Meaningful on documents only.
      expect(res.headers.get('permissions-policy'), url).toBeNull();
      expect(res.headers.get('cross-origin-opener-policy'), url).toBeNull();
      const again = await fetch(`${base}${url}`, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
      expect(again.status, url).toBe(304);
      expect(again.headers.get('content-security-policy'), url).toBe(INERT_FILE_CSP);
    }
    // Pages keep the full set.
    const home = await fetch(`${base}/`);
    expect(home.headers.get('permissions-policy')).toContain('camera=()');
    expect(home.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('tells inert types from those a browser runs or opens as a document', () => {
    for (const type of [
      'text/html; charset=utf-8',
      'text/javascript; charset=utf-8',
      'image/svg+xml',
      'application/xml; charset=utf-8',
      'application/atom+xml',
    ])
      expect(actsUnderOwnPolicy(type), type).toBe(true);
    for (const type of [
      'font/woff2',
      'application/json; charset=utf-8',
      'application/wasm',
      'application/octet-stream',
      'image/webp',
      'text/css; charset=utf-8',
      'text/plain; charset=utf-8',
      'text/htmlx',
    ])
      expect(actsUnderOwnPolicy(type), type).toBe(false);
  });

  it('gives the JSON endpoints (replies API, actions) the policy without inline hashes; pages keep theirs', async () => {
    await start();
    for (const url of ['/api/replies/a?page=1', '/_actions/replies.create'])
      expect((await fetch(`${base}${url}`)).headers.get('content-security-policy'), url).toBe(assetPolicy(SITE_CSP));
    for (const url of ['/apiary', '/letters/api/', '/echo?next=/api/'])
      expect((await fetch(`${base}${url}`)).headers.get('content-security-policy'), url).toBe(SITE_CSP);
  });

  it('behind a proxy, sends HSTS only on requests the trusted proxy says came over HTTPS', async () => {
    await start({}, 'https');
    const plain = await fetch(`${base}/`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const tls = await fetch(`${base}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });

  it('answers the thread GET itself once the build registered its answerer, with the same headers', async () => {
    const asked: Record<string, string | null | undefined>[] = [];
    probe.thread = (query) => {
      asked.push(query);
      if (query.ifNoneMatch === '"7-newest-2"')
        return Promise.resolve({
          status: 304,
          headers: { ETag: '"7-newest-2"', 'Cache-Control': 'public, s-maxage=5' },
          body: '',
        });
      return Promise.resolve({
        status: 200,
        headers: { 'Content-Type': 'application/json', ETag: '"7-newest-2"', 'Cache-Control': 'public, s-maxage=5' },
        body: '{"replies":["café"]}',
      });
    };
    try {
      await start();
      const url = `${base}/api/replies/rain-spots?sort=newest&page=2`;
      // The first request reaches Astro, whose route registers; the next ones never do.
      expect((await fetch(url)).status).toBe(200);
      expect(probe.calls).toHaveLength(1);
      const res = await fetch(url);
      expect(probe.calls).toHaveLength(1);
      expect(asked).toEqual([{ letter: 'rain-spots', sort: 'newest', page: '2', ifNoneMatch: null }]);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"replies":["café"]}');
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength('{"replies":["café"]}')));
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('etag')).toBe('"7-newest-2"');
      expect(res.headers.get('cache-control')).toBe('public, s-maxage=5');
      expect(res.headers.get('content-security-policy')).toBe(assetPolicy(SITE_CSP));
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      const again = await fetch(url, { headers: { 'if-none-match': '"7-newest-2"' } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(asked.at(-1)?.ifNoneMatch).toBe('"7-newest-2"');
      expect(logged.filter((l) => l.route === '/api/replies/[letter]')).toHaveLength(2);
      // Anything the answerer could read differently from Astro goes to Astro.
      for (const other of ['/api/replies/rain%2Dspots', '/api/replies/rain-spots/', '/api/replies/a/b'])
        await fetch(`${base}${other}`);
      await fetch(url, { method: 'HEAD' });
      await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(probe.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
        'GET /api/replies/rain-spots?sort=newest&page=2',
        'GET /api/replies/rain%2Dspots',
        'GET /api/replies/rain-spots/',
        'GET /api/replies/a/b',
        'HEAD /api/replies/rain-spots?sort=newest&page=2',
        'POST /api/replies/rain-spots?sort=newest&page=2',
      ]);
      expect(asked).toHaveLength(2);
    } finally {
      delete probe.thread;
    }
  });

  it('leaves the thread GET to Astro when the answerer fails, and forgets answerers with the build', async () => {
    probe.thread = () => Promise.reject(new Error('unexpected'));
    try {
      await start();
      const url = `${base}/api/replies/rain-spots`;
      for (let i = 0; i < 3; i++) expect((await fetch(url)).status).toBe(200);
      expect(probe.calls).toHaveLength(3);
      // A build swapped in starts without answerers: its own route registers again.
      probe.thread = () =>
        Promise.resolve({ status: 404, headers: { 'Content-Type': 'application/json' }, body: '{}' });
      site.setBuild(await loadBuild(root));
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url)).status).toBe(404);
      expect(probe.calls).toHaveLength(4);
    } finally {
      delete probe.thread;
    }
  });

  it('answers the reply post itself once the action registered its answerer, and leaves it to Astro otherwise', async () => {
    const seen: Record<string, unknown>[] = [];
    probe.createReply = (post) => {
      seen.push(post);
      const body = Buffer.from(post.body as Uint8Array).toString();
      if (body === 'astro') return Promise.resolve(undefined);
      if (body === 'broken') return Promise.reject(new Error('unexpected'));
      return Promise.resolve({
        status: body === 'busy' ? 429 : 200,
        headers: { 'Content-Type': 'application/json+devalue', ...(body === 'busy' ? { 'Retry-After': '7' } : {}) },
        body: '[{"ok":1},true]',
      });
    };
    try {
      await start();
      const url = `${base}/_actions/replies.create`;
      const send = (body: string, target = url) =>
        fetch(target, { method: 'POST', body, headers: { 'content-type': 'text/plain', origin: base } });
      // The first post reaches Astro, whose action registers; the next ones are answered here.
      expect((await send('first')).status).toBe(200);
      expect(probe.calls).toHaveLength(1);
      const res = await send('second');
      expect(probe.calls).toHaveLength(1);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('[{"ok":1},true]');
      expect(res.headers.get('content-type')).toBe('application/json+devalue');
      expect(res.headers.get('content-security-policy')).toBe(assetPolicy(SITE_CSP));
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(seen[0]).toMatchObject({ url: '/_actions/replies.create', protocol: 'http', remoteAddress: '127.0.0.1' });
      expect((seen[0]?.headers as Record<string, string>).origin).toBe(base);
      expect(logged.filter((l) => l.route === '/_actions/[...path]')).toHaveLength(1);
      const busy = await send('busy');
      expect(busy.status).toBe(429);
      expect(busy.headers.get('retry-after')).toBe('7');
      // Declined, failing, or another address: Astro answers, with the whole body.
      for (const body of ['astro', 'broken']) expect((await send(body)).status).toBe(200);
      await send('other', `${url}?x=1`);
      await send('other', `${url}/`);
      await fetch(url);
      expect(probe.calls.map((c) => `${c.method} ${c.url} ${String(c.bodyLength)}`)).toEqual([
        'POST /_actions/replies.create 5',
        'POST /_actions/replies.create 5',
        'POST /_actions/replies.create 6',
        'POST /_actions/replies.create?x=1 5',
        'POST /_actions/replies.create/ 5',
        'GET /_actions/replies.create 0',
      ]);
    } finally {
      delete probe.createReply;
    }
  });

  it('answers /healthz without touching Astro', async () => {
    await start();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(probe.calls).toEqual([]);
  });
});

describe('site server: methods and bodies', () => {
  it('refuses methods no route uses before reading their body (405, WebDAV methods too)', async () => {
    await start();
    for (const [method, status] of [
      ['PROPFIND', 405],
      ['MKCOL', 405],
      ['PUT', 405],
      ['DELETE', 405],
      ['PATCH', 405],
      ['OPTIONS', 405],
    ] as const) {
      // 400 MB announced in chunks: the answer must come long before the upload could finish.
      const res = await rawRequest(
        method,
        '/desk/login',
        { 'transfer-encoding': 'chunked' },
        { chunks: 6400, chunkBytes: 64 * 1024 },
      ).catch((err: unknown) => ({ status: -1, text: String(err), bytesSent: 0 }));
      expect([status, -1], method).toContain(res.status);
      expect(res.bytesSent, method).toBeLessThan(400 * 1024 * 1024);
    }
    const put = await rawRequest('PUT', '/desk/login', { 'content-length': '0' });
    expect(put.status).toBe(405);
    expect(put.text).toContain('PUT is not used');
    expect(probe.calls).toEqual([]);
  });

  it('refuses a chunked body past 64 KiB on any method it allows, and an announced one at once', async () => {
    await start();
    for (const method of ['POST', 'GET']) {
      const res = await rawRequest(
        method,
        '/echo',
        { 'transfer-encoding': 'chunked' },
        { chunks: 6400, chunkBytes: 64 * 1024 },
      ).catch((err: unknown) => ({ status: -1, text: String(err), bytesSent: 0 }));
      expect([413, -1], method).toContain(res.status);
      expect(res.bytesSent, method).toBeLessThan(400 * 1024 * 1024);
    }
    const announced = await rawRequest('POST', '/echo', { 'content-length': String(400 * 1024 * 1024) });
    expect(announced.status).toBe(413);
    expect(announced.text).toContain('64 KiB');
    expect(probe.calls).toEqual([]);
  });

  it('hands Astro a body it already read, with its length stated', async () => {
    await start();
    const res = await rawRequest('POST', '/echo', { 'transfer-encoding': 'chunked' }, { chunks: 3, chunkBytes: 1000 });
    expect(res.status).toBe(200);
    expect(probe.calls).toEqual([{ url: '/echo', method: 'POST', bodyLength: 3000, contentLength: '3000' }]);
  });
});

describe('site server: timeouts and shutdown', () => {
  it('drops a client that sends its headers too slowly (slowloris)', async () => {
    await start({ headersMs: 400, requestMs: 2000, checkEveryMs: 100 });
    const { port } = site.server.address() as AddressInfo;
    const outcome = await new Promise<{ received: string; linesSent: number }>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      let linesSent = 0;
      socket.on('data', (d: Buffer) => (received += d.toString()));
      socket.write('GET / HTTP/1.1\r\nHost: example\r\n');
      const drip = setInterval(() => {
        if (socket.writable) {
          linesSent += 1;
          socket.write(`X-Drip-${String(linesSent)}: 1\r\n`);
        }
      }, 50);
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ received, linesSent });
      });
      socket.on('error', () => undefined);
    });
    // The server ended the connection while the headers were still coming.
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408/);
    expect(probe.calls).toEqual([]);
  });

  it('drops a client that trickles its body, and one that trickles headers while the other waits', async () => {
    await start({ headersMs: 400, requestMs: 600, checkEveryMs: 100 });
    const { port } = site.server.address() as AddressInfo;
    const trickle = (head: string, drip: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        let received = '';
        socket.on('data', (d: Buffer) => (received += d.toString()));
        socket.write(head);
        const timer = setInterval(() => {
          if (socket.writable) socket.write(drip);
        }, 50);
        const done = () => {
          clearInterval(timer);
          resolve(received);
        };
        socket.on('close', done);
        socket.on('error', () => undefined);
      });
    const [body, headers] = await Promise.all([
      trickle('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 60000\r\n\r\n', 'a'),
      trickle('GET / HTTP/1.1\r\nHost: x\r\n', 'X-a: b\r\n'),
    ]);
    expect(body).toMatch(/^HTTP\/1\.1 408/);
    expect(headers).toMatch(/^HTTP\/1\.1 408/);
    expect(probe.calls).toEqual([]);
  });

  it('sets the keep-alive, header and request timeouts', async () => {
    await start();
    expect(site.server.headersTimeout).toBe(10_000);
    expect(site.server.requestTimeout).toBe(20_000);
    expect(site.server.keepAliveTimeout).toBe(5_000);
  });

  it('on shutdown stops accepting, finishes the request in flight, then closes', async () => {
    await start();
    const started = new Promise<void>((resolve) => (probe.slowStarted = resolve));
    const slow = fetch(`${base}/slow`);
    await started;
    const stopped = site.shutdown(10_000);
    await expect(fetch(`${base}/echo`)).rejects.toThrow();
    probe.releaseSlow?.();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('slow done');
    expect(res.headers.get('connection')).toBe('close');
    await stopped;
    expect(site.server.listening).toBe(false);
  });
});

describe('site server: request log', () => {
  it('writes one line per request with id, method, route, status and duration, never the query', async () => {
    await start();
    const res = await fetch(`${base}/echo?t=secret-token-value`, { method: 'POST', body: 'x=1' });
    await res.text();
    await fetch(`${base}/letters/a/?utm=reader@example.com`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logged.filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      requestId: res.headers.get('x-request-id'),
      method: 'POST',
      route: '/echo',
      status: 200,
      level: 'info',
    });
    expect(typeof lines[0]?.ms).toBe('number');
    expect(lines[1]).toMatchObject({ method: 'GET', route: '/letters/a/', status: 200 });
    expect(JSON.stringify(logged)).not.toMatch(/secret-token-value|reader@example\.com|x=1/);
  });
});
