// The second step of `npm run build` (scripts/build.sh): the search index and the compressed copies
// of the site Astro has just built, in a process of their own. Pagefind holds the whole index in memory
// while it writes it (well over a gigabyte at 5,000 letters); run inside Astro's build, that came on
// top of everything Astro still held, so a build's peak memory was the sum of both. Run after it, the
// peak is the larger of the two.
import path from 'node:path';
import { buildSearchIndex, SearchIndexError } from '../src/integrations/pagefind-index.ts';
import { precompressAssets } from '../src/integrations/precompress.ts';

const outDir = path.resolve(process.argv[2] ?? process.env.ASTRO_OUT_DIR ?? 'dist');
const clientDir = path.join(outDir, 'client');

try {
  const summary = await buildSearchIndex(clientDir);
  // A site with no published letters yet is valid; an empty index just finds nothing.
  if (summary.pageCount === 0) console.warn('[search index] no letter pages were found, so the index is empty');
  console.log(
    `[search index] indexed ${String(summary.pageCount)} pages into ${summary.outputPath} ` +
      `(${String(summary.fileCount)} files, ${String(summary.bytes)} bytes)`,
  );
  // After the index, so Pagefind's own scripts get their .br and .gz copies too.
  const compressed = await precompressAssets(clientDir);
  console.log(`[precompress] compressed ${String(compressed)} scripts and stylesheets (.gz, .br)`);
} catch (error) {
  console.error(error instanceof SearchIndexError ? error.message : error);
  process.exit(1);
}
