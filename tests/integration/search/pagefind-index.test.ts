import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, type SearchIndexSummary } from '../../../src/integrations/pagefind-index';
import { isPagefindApi, type PagefindApi, type PagefindResultData } from '../../../src/lib/search/pagefind-api';
import { searchRanking } from '../../../src/lib/search/ranking';
import { serveFolder } from './static-server';

// The real Pagefind binary indexes a small built site, and the real browser bundle it writes answers the queries.
const fixture = join(process.cwd(), 'tests/fixtures/search/site');
let siteDir: string;
let summary: SearchIndexSummary;
let server: Awaited<ReturnType<typeof serveFolder>>;
let pagefind: PagefindApi;

async function search(query: string | null, options = {}): Promise<PagefindResultData[]> {
  const found = await pagefind.search(query, options);
  if (!found) throw new Error('search was cancelled');
  return Promise.all(found.results.map((result) => result.data()));
}

const paths = (results: PagefindResultData[]) => results.map((result) => new URL(result.url).pathname);

beforeAll(async () => {
  siteDir = await mkdtemp(join(tmpdir(), 'pursebop-search-'));
  await cp(fixture, siteDir, { recursive: true });
  summary = await buildSearchIndex(siteDir);
  server = await serveFolder(siteDir);
  // A query string keeps this import apart from other runs that may share the module cache.
  const loaded: unknown = await import(
    /* @vite-ignore */ `${pathToFileURL(join(siteDir, 'pagefind/pagefind.js')).href}?run=${String(Date.now())}`
  );
  if (!isPagefindApi(loaded)) throw new Error('the written pagefind.js does not expose the search API');
  pagefind = loaded;
  await pagefind.options({ basePath: `${server.origin}/pagefind/`, ranking: searchRanking });
  await pagefind.init();
});

afterAll(async () => {
  await server.close();
  await rm(siteDir, { recursive: true, force: true });
});

describe('the real Pagefind index over a built site', () => {
  it('indexes the three letter pages and nothing else, inside the client folder', async () => {
    expect(summary.pageCount).toBe(3);
    expect(summary.outputPath).toBe(join(siteDir, 'pagefind'));
    expect(summary.fileCount).toBeGreaterThan(5);
    expect(summary.bytes).toBeGreaterThan(10_000);
    expect(await readdir(summary.outputPath)).toContain('pagefind.js');
    expect(await search('porcupine')).toEqual([]);
  });

  it('finds a letter by a distinctive phrase, first, with its metadata and a highlighted excerpt', async () => {
    const [first] = await search('saddle-stitched lambskin pochette');
    expect(first && new URL(first.url).pathname).toBe('/letters/pochette/');
    expect(first?.meta).toMatchObject({
      title: 'Is a small pochette worth it?',
      date: '2024-05-30',
      pseudonym: 'Evening Only',
      image: '/og/pochette.png',
    });
    expect(first?.excerpt).toContain('<mark>lambskin</mark>');
  });

  it('never returns navigation, footer, related letters or replies', async () => {
    for (const word of ['marmalade', 'tangerine', 'zeppelin', 'gooseberry']) {
      expect(await search(word), word).toEqual([]);
    }
  });

  it('offers the answer section as a sub-result when the match is there', async () => {
    const [hit] = await search('radiators');
    expect(hit?.sub_results?.map((sub) => new URL(sub.url).hash)).toContain('#answer');
  });

  it('ranks a headline match above the same word repeated deep in an answer', async () => {
    expect(paths(await search('quilted'))).toEqual(['/letters/quilted-question/', '/letters/long-answer/']);
  });

  it('ranks a match in the letter above one deep in another answer', async () => {
    expect(paths(await search('shower'))).toEqual(['/letters/long-answer/', '/letters/quilted-question/']);
  });

  it('counts facet values and narrows results by topic', async () => {
    const all = await pagefind.search('bag');
    expect(all?.results).toHaveLength(3);
    await pagefind.filters();
    const counts = (await pagefind.search('bag'))?.filters;
    expect(counts?.topic).toEqual({ 'Care & repair': 1, 'First bag': 2, 'Store relationships': 1 });
    expect(counts?.brand).toEqual({ Chanel: 1, Hermès: 2 });
    expect(counts?.year).toEqual({ '2022': 1, '2023': 1, '2024': 1 });
    expect(counts?.columnist).toEqual({ 'Ines Hartley': 1, PurseBop: 2 });

    const narrowed = await search('bag', { filters: { topic: { any: ['First bag'] } } });
    expect(paths(narrowed).sort()).toEqual(['/letters/pochette/', '/letters/quilted-question/']);
  });

  it('sorts by date in both directions', async () => {
    expect(paths(await search(null, { sort: { date: 'desc' } }))).toEqual([
      '/letters/pochette/',
      '/letters/quilted-question/',
      '/letters/long-answer/',
    ]);
    expect(paths(await search('bag', { sort: { date: 'asc' } }))[0]).toBe('/letters/long-answer/');
  });
});
