// Astro hashes the scripts it bundles for the Content-Security-Policy, but not `<script is:inline>`
// blocks (such as the theme script that must run before first paint). This finds those blocks in the
// source and returns their hashes so astro.config.mjs can allow exactly them, and nothing else inline.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const inlineScript = /<script\b[^>]*\bis:inline\b[^>]*>([\s\S]*?)<\/script>/g;

function astroFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return astroFiles(full);
    return entry.name.endsWith('.astro') ? [full] : [];
  });
}

/** sha256 CSP sources for every is:inline script body under `srcDir` (expressions inside are not supported). */
export function inlineScriptHashes(srcDir) {
  const hashes = new Set();
  for (const file of astroFiles(srcDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(inlineScript)) {
      const body = match[1] ?? '';
      // Astro renders is:inline bodies verbatim; define:vars rewrites them per page, so those cannot be hashed here.
      if (/\bdefine:vars\b/.test(match[0]))
        throw new Error(`${file}: define:vars scripts cannot be hashed ahead of time`);
      hashes.add(`sha256-${createHash('sha256').update(body).digest('base64')}`);
    }
  }
  return [...hashes].sort();
}
