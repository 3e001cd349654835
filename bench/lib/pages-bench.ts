import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, sum } from './browser.ts';
import { kB, type Figure } from './report.ts';

const gz = (buf: Buffer | string): number => gzipSync(buf).length;

/** Inline scripts that run (JSON-LD and other data blocks excluded), and external script tags. */
function scriptsIn(html: string): { inline: string[]; external: number } {
  const inline: string[] = [];
  let external = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    if (/\bsrc\s*=/.test(attrs)) external++;
    else if (!/type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) inline.push(m[2] ?? '');
  }
  return { inline, external };
}

/** HTML and the stylesheets it links, each gzipped on its own as a server would send them. */
async function htmlCssGzip(clientDir: string, html: string): Promise<{ bytes: number; sheets: number }> {
  let bytes = gz(html);
  let sheets = 0;
  for (const m of html.matchAll(/<link\b[^>]*rel=["']?stylesheet["']?[^>]*>/gi)) {
    const href = /href=["']?([^"' >]+)/.exec(m[0])?.[1];
    if (!href?.startsWith('/')) continue;
    const file = path.join(clientDir, decodeURI(href.split('?')[0] ?? ''));
    if (existsSync(file)) {
      bytes += gz(await readFile(file));
      sheets++;
    }
  }
  return { bytes, sheets };
}

/**
 * Page weight of one letter: HTML+CSS gzip from the build, then JavaScript as a mobile reader meets it
 * in Chromium — what loads before the replies region is reached, and what the island adds once it
 * has scrolled into view and hydrated.
 */
export async function benchLetterPage(
  baseUrl: string,
  clientDir: string,
  letterId: string,
  log: (m: string) => void,
): Promise<Figure[]> {
  const s = 'Letter page';
  const file = path.join(clientDir, 'letters', letterId, 'index.html');
  if (!existsSync(file)) {
    const note = 'n/a — no built letter page at /letters/<id>/ yet';
    return [{ section: s, label: 'HTML+CSS (gzip)', value: null, unit: 'kB', note }];
  }
  const html = await readFile(file, 'utf8');
  const weight = await htmlCssGzip(clientDir, html);
  const inline = scriptsIn(html);
  // Astro inlines its island loader next to an island; anything else inline is the theme switch.
  const isRuntime = (code: string) => code.includes('astro-island') || /\bIntersectionObserver\b/.test(code);
  const runtime = inline.inline.filter(isRuntime);
  const theme = inline.inline.filter((c) => !isRuntime(c));
  const figures: Figure[] = [
    {
      section: s,
      label: 'HTML+CSS (gzip)',
      value: weight.bytes / kB,
      unit: 'kB',
      target: { op: '<=', value: 35 },
      note: `${String(weight.sheets)} stylesheet(s)`,
    },
    {
      section: s,
      label: 'inline theme switch script',
      value: Buffer.byteLength(theme.join('')) / kB,
      unit: 'kB',
      note: `${String(theme.length)} script(s), ${(gz(theme.join('')) / kB).toFixed(2)} kB gzip`,
    },
    {
      section: s,
      label: 'inline Astro island runtime',
      value: Buffer.byteLength(runtime.join('')) / kB,
      unit: 'kB',
      note: `${String(runtime.length)} script(s), ${(gz(runtime.join('')) / kB).toFixed(2)} kB gzip; ${String(inline.external)} <script src> in HTML`,
    },
  ];

  log(`letter page /letters/${letterId}/ in Chromium (mobile viewport)`);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const pending: Promise<{ url: string; bytes: number; gzip: number }>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      pending.push(
        res.body().then(
          (body) => ({ url: res.url(), bytes: body.length, gzip: gz(body) }),
          () => ({ url: res.url(), bytes: 0, gzip: 0 }),
        ),
      );
    });
    await page.goto(`${baseUrl}/letters/${letterId}/`, { waitUntil: 'networkidle' });
    const before = await Promise.all(pending);
    figures.push({
      section: s,
      label: 'script files before replies region',
      value: before.length,
      unit: 'count',
      target: { op: '<=', value: 0 },
      note: before.length ? `${(sum(before.map((x) => x.gzip)) / kB).toFixed(1)} kB gzip` : 'none',
    });
    const region = page.locator('#replies');
    if ((await region.count()) === 0) {
      figures.push({
        section: s,
        label: 'JS after the island hydrates (gzip)',
        value: null,
        unit: 'kB',
        note: 'n/a — no #replies region yet',
      });
      return figures;
    }
    await region.scrollIntoViewIfNeeded();
    const island = page.locator('#replies astro-island, astro-island');
    if ((await island.count()) === 0) {
      figures.push({
        section: s,
        label: 'JS after the island hydrates (gzip)',
        value: null,
        unit: 'kB',
        note: 'n/a — no island in the replies region yet',
      });
      return figures;
    }
    await page.waitForSelector('astro-island:not([ssr])', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const scripts = await Promise.all(pending);
    figures.push({
      section: s,
      label: 'JS after the island hydrates (gzip)',
      value: sum(scripts.map((x) => x.gzip)) / kB,
      unit: 'kB',
      note: `${String(scripts.length)} files, ${(sum(scripts.map((x) => x.bytes)) / kB).toFixed(0)} kB uncompressed`,
    });
    await context.close();
    return figures;
  } finally {
    await browser.close();
  }
}
