import { chromium, type Browser, type BrowserContext, type Request } from '@playwright/test';
import { gzipSync } from 'node:zlib';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS });
}

export interface TrafficEntry {
  url: string;
  /** Response headers plus body as sent (the body fetched again when Chromium reports none, as for worker scripts). */
  wireBytes: number;
  /** The body gzipped, as a compressing host would send it. */
  gzipBytes: number;
  /** Content-Encoding the server chose, if any. */
  encoding?: string;
}

/**
 * Counts every response a browser context receives, including requests made inside workers
 * (Pagefind searches in a Web Worker, which a page-level DevTools session does not see).
 * Favicon refetches are left out: the browser makes them, not the page.
 */
export class TrafficMeter {
  private readonly pending = new Set<Request>();
  private readonly done: Promise<TrafficEntry | undefined>[] = [];
  private lastActivity = Date.now();
  private recording = false;
  private cacheAware = false;

  constructor(context: BrowserContext) {
    context.on('request', (r) => {
      this.pending.add(r);
      this.lastActivity = Date.now();
    });
    const finish = (r: Request, ok: boolean) => {
      this.pending.delete(r);
      this.lastActivity = Date.now();
      if (ok && this.recording && !r.url().includes('favicon')) this.done.push(measure(r, this.cacheAware));
    };
    context.on('requestfinished', (r) => {
      finish(r, true);
    });
    context.on('requestfailed', (r) => {
      finish(r, false);
    });
  }

  /** `cacheAware`: a response the browser took from its cache (no headers or body on the wire) counts 0. */
  start(cacheAware = false): void {
    this.done.length = 0;
    this.recording = true;
    this.cacheAware = cacheAware;
  }

  async stop(): Promise<TrafficEntry[]> {
    this.recording = false;
    return (await Promise.all(this.done)).filter((e): e is TrafficEntry => e !== undefined);
  }

  /** Counts now as activity: the page may be about to ask for something (a search waits for a typing pause). */
  touch(): void {
    this.lastActivity = Date.now();
  }

  /** Resolves once no request has been in flight for `quietMs` (or after `maxMs`). */
  async settle(quietMs = 1500, maxMs = 30_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      if (this.pending.size === 0 && Date.now() - this.lastActivity >= quietMs) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function measure(r: Request, cacheAware: boolean): Promise<TrafficEntry | undefined> {
  const response = await r.response();
  if (!response) return undefined;
  const sizes = await r.sizes();
  if (cacheAware) {
    // What Chromium says crossed the wire: a 304's headers when revalidated, nothing when taken from
    // the cache. For a cache hit Chromium reports the stored headers' size with a body size of minus
    // that much (0 bytes received in all), so only the sum is the transfer.
    const wire = Math.max(0, sizes.responseHeadersSize + sizes.responseBodySize);
    return { url: r.url(), wireBytes: wire, gzipBytes: wire };
  }
  let body: Buffer;
  try {
    body = await response.body();
  } catch {
    // Worker scripts have no retrievable body in Playwright; the file is static, so ask again.
    body = Buffer.from(await (await fetch(r.url())).arrayBuffer());
  }
  const encoded = response.headers()['content-encoding'];
  const bodyOnWire = sizes.responseBodySize > 0 || encoded ? sizes.responseBodySize : body.length;
  const entry: TrafficEntry = {
    url: r.url(),
    wireBytes: sizes.responseHeadersSize + bodyOnWire,
    gzipBytes: gzipSync(body).length,
  };
  if (encoded) entry.encoding = encoded;
  return entry;
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
