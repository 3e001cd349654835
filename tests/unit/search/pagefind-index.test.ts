import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const pagefindMock = vi.hoisted(() => ({
  createIndex: vi.fn(),
  close: vi.fn(),
  addDirectory: vi.fn(),
  writeFiles: vi.fn(),
}));

vi.mock('pagefind', () => ({ createIndex: pagefindMock.createIndex, close: pagefindMock.close }));

const {
  default: pagefindIndex,
  buildSearchIndex,
  SearchIndexError,
} = await import('../../../src/integrations/pagefind-index');

let siteDir: string;

function fakeLogger() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
}

async function runBuildDone(logger: ReturnType<typeof fakeLogger>): Promise<void> {
  const hook = pagefindIndex().hooks['astro:build:done'];
  if (!hook) throw new Error('the integration has no astro:build:done hook');
  await hook({
    dir: pathToFileURL(`${siteDir}/`),
    pages: [],
    assets: new Map(),
    logger: logger as unknown as AstroIntegrationLogger,
  });
}

beforeEach(async () => {
  siteDir = await mkdtemp(join(tmpdir(), 'pursebop-index-'));
  pagefindMock.createIndex.mockResolvedValue({
    errors: [],
    index: { addDirectory: pagefindMock.addDirectory, writeFiles: pagefindMock.writeFiles },
  });
  pagefindMock.addDirectory.mockResolvedValue({ errors: [], page_count: 2 });
  // Stands in for Pagefind writing its bundle, so the size report has real files to measure.
  pagefindMock.writeFiles.mockImplementation(async ({ outputPath }: { outputPath: string }) => {
    await mkdir(join(outputPath, 'index'), { recursive: true });
    await writeFile(join(outputPath, 'pagefind.js'), 'x'.repeat(100));
    await writeFile(join(outputPath, 'index', 'en_1.pf_index'), 'y'.repeat(23));
    return { errors: [], outputPath };
  });
  pagefindMock.close.mockResolvedValue(null);
});

afterEach(async () => {
  vi.clearAllMocks();
  await rm(siteDir, { recursive: true, force: true });
});

describe('pagefind-index integration', () => {
  it('indexes only the letter pages of the client output folder and writes the bundle inside it', async () => {
    const logger = fakeLogger();
    await runBuildDone(logger);

    expect(pagefindMock.addDirectory).toHaveBeenCalledWith({ path: siteDir, glob: 'letters/**/*.html' });
    expect(pagefindMock.writeFiles).toHaveBeenCalledWith({ outputPath: join(siteDir, 'pagefind') });
    expect(pagefindMock.createIndex).toHaveBeenCalledWith({ forceLanguage: 'en' });
    expect(pagefindMock.close).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('indexed 2 pages'));
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('2 files, 123 bytes'));
  });

  it('reports the page count, file count and size of the written bundle', async () => {
    const summary = await buildSearchIndex(siteDir);
    expect(summary).toEqual({ pageCount: 2, outputPath: join(siteDir, 'pagefind'), fileCount: 2, bytes: 123 });
  });

  it('fails the build with a clear message when Pagefind reports indexing errors', async () => {
    pagefindMock.addDirectory.mockResolvedValue({ errors: ['could not parse letters/x/index.html'], page_count: 0 });
    const result = runBuildDone(fakeLogger());
    await expect(result).rejects.toBeInstanceOf(SearchIndexError);
    await expect(result).rejects.toThrow(
      `Search index: indexing ${siteDir} failed: could not parse letters/x/index.html`,
    );
    expect(pagefindMock.writeFiles).not.toHaveBeenCalled();
    expect(pagefindMock.close).toHaveBeenCalledTimes(1);
  });

  it('fails the build when the index cannot be written', async () => {
    pagefindMock.writeFiles.mockResolvedValue({ errors: ['disk full'], outputPath: '' });
    await expect(runBuildDone(fakeLogger())).rejects.toThrow(/writing .*pagefind failed: disk full/);
  });

  it('fails the build when Pagefind itself cannot start', async () => {
    pagefindMock.createIndex.mockRejectedValue(new Error('binary not found for this platform'));
    await expect(runBuildDone(fakeLogger())).rejects.toThrow(
      'Search index: Pagefind could not run: binary not found for this platform',
    );
    expect(pagefindMock.close).toHaveBeenCalledTimes(1);
  });

  it('fails when Pagefind answers without an index', async () => {
    pagefindMock.createIndex.mockResolvedValue({ errors: ['bad config'] });
    await expect(runBuildDone(fakeLogger())).rejects.toThrow('Search index: starting Pagefind failed: bad config');
  });

  it('warns instead of failing when there are no letters yet', async () => {
    pagefindMock.addDirectory.mockResolvedValue({ errors: [], page_count: 0 });
    const logger = fakeLogger();
    await runBuildDone(logger);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('search index is empty'));
  });
});
