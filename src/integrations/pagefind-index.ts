import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** Options of the search indexing step. */
export interface PagefindIndexOptions {
  /** Which built HTML files may enter the index, relative to the client output folder. */
  glob?: string;
  /** Folder name, inside the client output, that the index is written to (and served from). */
  bundleDir?: string;
}

/** What one indexing run produced. */
export interface SearchIndexSummary {
  pageCount: number;
  outputPath: string;
  fileCount: number;
  bytes: number;
}

/** Raised when Pagefind reports a problem; Astro turns it into a failed build. */
export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

// Only letter pages can ever carry data-pagefind-body, so list pages stay out even if an attribute slips in.
const defaultGlob = 'letters/**/*.html';

function fail(step: string, errors: string[]): never {
  throw new SearchIndexError(`Search index: ${step} failed: ${errors.join('; ')}`);
}

async function measureFolder(dir: string): Promise<{ fileCount: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  const sizes = await Promise.all(files.map(async (entry) => (await stat(join(entry.parentPath, entry.name))).size));
  return { fileCount: files.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
}

/** Indexes the built site in `siteDir` and writes the Pagefind bundle next to the pages. */
export async function buildSearchIndex(
  siteDir: string,
  options: PagefindIndexOptions = {},
): Promise<SearchIndexSummary> {
  const outputPath = join(siteDir, options.bundleDir ?? 'pagefind');
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!created.index || created.errors.length > 0) fail('starting Pagefind', created.errors);
    const { index } = created;

    const added = await index.addDirectory({ path: siteDir, glob: options.glob ?? defaultGlob });
    if (added.errors.length > 0) fail(`indexing ${siteDir}`, added.errors);

    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) fail(`writing ${outputPath}`, written.errors);

    return { pageCount: added.page_count, outputPath, ...(await measureFolder(outputPath)) };
  } catch (error) {
    if (error instanceof SearchIndexError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SearchIndexError(`Search index: Pagefind could not run: ${reason}`, { cause: error });
  } finally {
    await pagefind.close();
  }
}

/** Astro integration: builds the Pagefind index over the static output once the build is done. */
export default function pagefindIndex(options: PagefindIndexOptions = {}): AstroIntegration {
  return {
    name: 'pursebop:pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const summary = await buildSearchIndex(resolve(fileURLToPath(dir)), options);
        // A site with no published letters yet is valid; an empty index just finds nothing.
        if (summary.pageCount === 0) logger.warn('no letter pages were found, so the search index is empty');
        logger.info(
          `indexed ${String(summary.pageCount)} pages into ${summary.outputPath} ` +
            `(${String(summary.fileCount)} files, ${String(summary.bytes)} bytes)`,
        );
      },
    },
  };
}
