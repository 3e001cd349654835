// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { markdownProcessor } from './markdown.config.mjs';
import catalogueManifest from './src/integrations/catalogue-manifest.ts';
import pagefindIndex from './src/integrations/pagefind-index.ts';
import precompress from './src/integrations/precompress.ts';
import { inlineScriptHashes } from './scripts/csp-inline-hashes.mjs';

const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  // Separate output and cache folders let several builds (tests, bench) run side by side.
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'ignore',
  markdown: { processor: markdownProcessor() },
  integrations: [
    mdx(),
    react(),
    catalogueManifest(),
    sitemap({ filter: (page) => !/\/(desk|ask\/status)\/|\/catalogue\.json$/.test(page) }),
    pagefindIndex(),
    precompress(),
  ],
  security: {
    checkOrigin: true,
    // Matches the middleware's 64 KiB cap for bodies sent without a Content-Length.
    actionBodySizeLimit: 64 * 1024,
    // Astro hashes its own scripts and styles into a <meta> CSP; nothing inline runs unless hashed.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: {
        // 'wasm-unsafe-eval' lets Pagefind's WebAssembly search run; it allows no inline script.
        resources: ["'self'", "'wasm-unsafe-eval'"],
        hashes: inlineScriptHashes('src'),
      },
      styleDirective: {
        // Inline style attributes (Shiki's code colours) cannot run code; <style> elements stay hash-only.
        resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
      },
    },
  },
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? '127.0.0.1' },
});
