import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, sum, TrafficMeter } from './browser.ts';
import { runMeasured, tail } from './proc.ts';
import { kB, MB, type Figure } from './report.ts';

async function folderBytes(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile());
  const sizes = await Promise.all(files.map(async (e) => (await stat(path.join(e.parentPath, e.name))).size));
  return { files: files.length, bytes: sum(sizes) };
}

/**
 * Times Pagefind over the built pages. The site indexes inside its own build; to time the indexer alone
 * the CLI runs again over the same pages into a scratch folder. With no index in the build yet (search
 * not landed), the CLI writes the index where the site would serve it, so the query can still be measured.
 */
export async function benchIndex(
  root: string,
  work: string,
  clientDir: string,
  log: (m: string) => void,
): Promise<{ figures: Figure[]; siteHasIndex: boolean }> {
  const siteIndex = path.join(clientDir, 'pagefind');
  const siteHasIndex = existsSync(path.join(siteIndex, 'pagefind.js'));
  const output = siteHasIndex ? path.join(work, 'pagefind-timing') : siteIndex;
  await rm(output, { recursive: true, force: true });
  log(`pagefind CLI over ${clientDir}${siteHasIndex ? ' (timing only; the build made its own index)' : ''}`);
  const cli = path.join(root, 'node_modules/pagefind/lib/runner/bin.cjs');
  const args = [
    cli,
    '--site',
    clientDir,
    '--output-path',
    output,
    '--glob',
    'letters/**/*.html',
    '--force-language',
    'en',
  ];
  const m = await runMeasured(process.execPath, args, {
    cwd: root,
    env: process.env,
    logFile: path.join(work, 'pagefind.log'),
  });
  if (m.code !== 0) {
    const why = `pagefind failed: ${(await tail(m.logFile, 3)).replace(/\n/g, ' ')}`;
    return {
      figures: [{ section: 'Search', label: 'Pagefind index time', value: null, unit: 's', note: why }],
      siteHasIndex,
    };
  }
  const size = await folderBytes(siteHasIndex ? siteIndex : output);
  if (siteHasIndex) await rm(output, { recursive: true, force: true });
  const source = siteHasIndex ? 'index built by the site' : 'n/a in build yet: CLI index';
  return {
    siteHasIndex,
    figures: [
      { section: 'Search', label: 'Pagefind index time (CLI, letter pages)', value: m.wallMs / 1000, unit: 's' },
      {
        section: 'Search',
        label: 'Pagefind index size',
        value: size.bytes / MB,
        unit: 'MB',
        note: `${String(size.files)} files; ${source}`,
      },
    ],
  };
}

/**
 * Bytes a one-word query transfers: the /search page is loaded first (not counted), then everything
 * fetched from typing the word until the network goes quiet is summed, as Chromium received it.
 */
export async function benchQuery(baseUrl: string, word: string, log: (m: string) => void): Promise<Figure[]> {
  const label = `one-word query "${word}" transfer`;
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const meter = new TrafficMeter(context);
    const page = await context.newPage();
    const res = await page.goto(`${baseUrl}/search`, { waitUntil: 'load' });
    const input = page.locator('[data-search-input], main input[type="search"]').first();
    if (!res?.ok() || (await input.count()) === 0) {
      return [
        { section: 'Search', label, value: null, unit: 'kB', note: 'n/a — no /search page with a search field yet' },
      ];
    }
    await meter.settle(1000);
    log(`typing "${word}" on /search`);
    meter.start();
    await input.click();
    await input.pressSequentially(word, { delay: 80 });
    meter.touch();
    await meter.settle(1500);
    const entries = await meter.stop();
    const results = await page.locator('[data-search-results] > li, #search-results li').count();
    const wire = sum(entries.map((e) => e.wireBytes));
    for (const e of [...entries].sort((a, b) => b.wireBytes - a.wireBytes).slice(0, 8))
      log(`  first: ${(e.wireBytes / kB).toFixed(1)} kB ${new URL(e.url).pathname}`);
    const gzip = sum(entries.map((e) => e.gzipBytes));

    // The same reader searches the same word again later: the browser's cache and the server's
    // validators decide what crosses the wire a second time.
    await page.goto(`${baseUrl}/search`, { waitUntil: 'load' });
    await meter.settle(1000);
    log(`typing "${word}" again on a fresh /search`);
    meter.start(true);
    await input.click();
    await input.pressSequentially(word, { delay: 80 });
    meter.touch();
    await meter.settle(1500);
    const again = await meter.stop();
    const repeated = sum(again.map((e) => e.wireBytes));
    // What still crossed the wire the second time, largest first: the place to look when this figure grows.
    for (const e of [...again].sort((a, b) => b.wireBytes - a.wireBytes).slice(0, 8))
      log(`  again: ${(e.wireBytes / kB).toFixed(1)} kB ${new URL(e.url).pathname}`);
    return [
      {
        section: 'Search',
        label,
        value: wire / kB,
        unit: 'kB',
        target: { op: '<=', value: 200 },
        note: `${String(entries.length)} requests (${String(entries.filter((e) => e.encoding).length)} compressed by the server), ${String(results)} results shown`,
      },
      {
        section: 'Search',
        label: `the same query repeated (browser cache kept)`,
        value: repeated / kB,
        unit: 'kB',
        target: { op: '<=', value: 20 },
        note: `${String(again.length)} requests`,
      },
      {
        section: 'Search',
        label: 'same query if the host gzipped everything',
        value: gzip / kB,
        unit: 'kB',
        note: 'bodies gzipped, headers left out',
      },
    ];
  } finally {
    await browser.close();
  }
}
