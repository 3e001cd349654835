import type { APIContext, MiddlewareNext } from 'astro';
import { describe, expect, it } from 'vitest';
import { limitBodySize } from '../../src/middleware';
import { MAX_BODY_BYTES } from '../../src/server/body-limit';

/** A body that arrives in chunks with no declared length, as a chunked upload does. */
function streamOf(total: number, chunk = 4096): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
}

async function run(request: Request): Promise<{ status: number; reachedRoute: boolean }> {
  let reachedRoute = false;
  const next: MiddlewareNext = () => {
    reachedRoute = true;
    return Promise.resolve(new Response('ok'));
  };
  const response = await limitBodySize({ request } as APIContext, next);
  return { status: response instanceof Response ? response.status : 0, reachedRoute };
}

const url = 'http://site.test/_actions/replies.create';

describe('limitBodySize', () => {
  it('refuses a declared length over the limit before reading anything', async () => {
    // The declared length is a lie here (the body is tiny): only the header may decide.
    const request = new Request(url, {
      method: 'POST',
      body: 'a=b',
      headers: { 'content-length': String(MAX_BODY_BYTES + 1) },
    });
    expect(await run(request)).toEqual({ status: 413, reachedRoute: false });
  });

  it('lets a declared length at the limit through', async () => {
    const body = 'a'.repeat(MAX_BODY_BYTES);
    const request = new Request(url, { method: 'POST', body, headers: { 'content-length': String(body.length) } });
    expect(await run(request)).toEqual({ status: 200, reachedRoute: true });
  });

  it('refuses a body without a length once it passes the limit', async () => {
    const request = new Request(url, {
      method: 'POST',
      body: streamOf(MAX_BODY_BYTES + 1),
      duplex: 'half',
    } as RequestInit);
    expect(await run(request)).toEqual({ status: 413, reachedRoute: false });
  });

  it('lets a body without a length through when it stays within the limit', async () => {
    const request = new Request(url, { method: 'POST', body: streamOf(MAX_BODY_BYTES), duplex: 'half' } as RequestInit);
    expect(await run(request)).toEqual({ status: 200, reachedRoute: true });
  });

  it('says what the limit is', async () => {
    const request = new Request(url, {
      method: 'PUT',
      body: 'x',
      headers: { 'content-length': String(10 * MAX_BODY_BYTES) },
    });
    let text = '';
    const response = await limitBodySize({ request } as APIContext, () => Promise.resolve(new Response('ok')));
    if (response instanceof Response) text = await response.text();
    expect(text).toContain(`${String(MAX_BODY_BYTES / 1024)} KiB`);
    expect(text).toBe('Request body too large: the limit is 64 KiB.');
  });

  it('answers a refusal as plain text, so no browser renders it as a page', async () => {
    const request = new Request(url, { method: 'POST', body: 'x', headers: { 'content-length': '999999999' } });
    const response = await limitBodySize({ request } as APIContext, () => Promise.resolve(new Response('ok')));
    expect(response instanceof Response && response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('lets a POST without any body through', async () => {
    expect(await run(new Request(url, { method: 'POST' }))).toEqual({ status: 200, reachedRoute: true });
  });

  it('never reads or refuses a read-only request, whatever length it declares', async () => {
    for (const method of ['GET', 'HEAD']) {
      const request = new Request(url, { method, headers: { 'content-length': String(10 * MAX_BODY_BYTES) } });
      expect(await run(request)).toEqual({ status: 200, reachedRoute: true });
    }
  });
});
