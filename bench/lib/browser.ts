import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';

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
  type: string;
  /** Bytes on the wire (headers and body as received). */
  encodedBytes: number;
}

/**
 * Counts every network response a page receives through the DevTools protocol, which sees
 * what Chromium actually transferred, including requests made by workers and WebAssembly.
 */
export class TrafficMeter {
  private readonly pending = new Map<string, { url: string; type: string }>();
  private lastActivity = Date.now();
  entries: TrafficEntry[] = [];
  recording = false;

  private readonly cdp: CDPSession;

  private constructor(cdp: CDPSession) {
    this.cdp = cdp;
  }

  static async attach(page: Page): Promise<TrafficMeter> {
    const cdp = await page.context().newCDPSession(page);
    const meter = new TrafficMeter(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    cdp.on('Network.requestWillBeSent', (e) => {
      meter.pending.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other' });
      meter.lastActivity = Date.now();
    });
    cdp.on('Network.loadingFinished', (e) => {
      const req = meter.pending.get(e.requestId);
      meter.pending.delete(e.requestId);
      meter.lastActivity = Date.now();
      if (req && meter.recording) meter.entries.push({ ...req, encodedBytes: e.encodedDataLength });
    });
    cdp.on('Network.loadingFailed', (e) => {
      meter.pending.delete(e.requestId);
      meter.lastActivity = Date.now();
    });
    return meter;
  }

  start(): void {
    this.entries = [];
    this.recording = true;
  }

  stop(): TrafficEntry[] {
    this.recording = false;
    return this.entries;
  }

  /** Resolves once no request has been in flight for `quietMs` (or after `maxMs`). */
  async settle(quietMs = 1500, maxMs = 30_000): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      if (this.pending.size === 0 && Date.now() - this.lastActivity >= quietMs) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
