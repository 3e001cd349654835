import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import { shouldPrecompress } from '../lib/precompress-plan.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Writes .gz and .br copies of every compressible asset under `clientDir` (or only under its
 * subfolder `under`, so files shared with another build by hard links are never rewritten); returns how many files.
 */
export async function precompressAssets(clientDir: string, under = ''): Promise<number> {
  const entries = await readdir(join(clientDir, under), { recursive: true, withFileTypes: true });
  const jobs = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map(async (file) => {
      const rel = relative(clientDir, file).split(sep).join('/');
      if (!shouldPrecompress(rel, (await stat(file)).size)) return 0;
      const data = await readFile(file);
      const [gz, br] = await Promise.all([
        gzipAsync(data, { level: 9 }),
        brotliAsync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      ]);
      await Promise.all([writeFile(`${file}.gz`, gz), writeFile(`${file}.br`, br)]);
      return 1;
    });
  return (await Promise.all(jobs)).reduce<number>((a, b) => a + b, 0);
}

/**
 * Our own server (scripts/serve.mjs) answers with these copies when the browser accepts
 * them; a CDN in front of the static files can use them too. Runs after the search
 * index is written so Pagefind's scripts are included.
 */
export default function precompress(): AstroIntegration {
  return {
    name: 'pursebop:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const count = await precompressAssets(fileURLToPath(dir));
        logger.info(`compressed ${String(count)} scripts and stylesheets (.gz, .br)`);
      },
    },
  };
}
