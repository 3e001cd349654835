import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The route src/pages/catalogue.json.ts prerenders, and the file name it gets next to the server bundle. */
export const MANIFEST_FILE = 'catalogue.json';

/**
 * Moves the prerendered catalogue manifest out of the public folder into the server folder: it lists
 * drafts and scheduled letters, which readers must not be able to fetch, and the server reads it from there.
 */
export default function catalogueManifest(): AstroIntegration {
  let serverDir: URL | undefined;
  return {
    name: 'pursebop:catalogue-manifest',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
      },
      // `astro dev` writes no files: on-demand code fetches the live route instead (see src/server/catalogue).
      'astro:server:start': ({ address }) => {
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        process.env.CATALOGUE_MANIFEST_URL = `http://${host}:${String(address.port)}/${MANIFEST_FILE}`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!serverDir) throw new Error('catalogue-manifest: the server folder is unknown');
        const from = fileURLToPath(new URL(MANIFEST_FILE, dir));
        const to = fileURLToPath(new URL(MANIFEST_FILE, serverDir));
        await mkdir(dirname(to), { recursive: true });
        await rename(from, to);
        await rm(`${from}.gz`, { force: true });
        logger.info(`catalogue manifest written to ${to}`);
      },
    },
  };
}
