// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { markdownProcessor } from './markdown.config.mjs';
import catalogueManifest from './src/integrations/catalogue-manifest.ts';
import frontmatterCheck from './src/integrations/frontmatter-check.ts';
import pagefindIndex from './src/integrations/pagefind-index.ts';
import precompress from './src/integrations/precompress.ts';
import quickPublish from './src/integrations/quick-publish.ts';
import { MAX_BODY_BYTES } from './src/server/body-limit.ts';
import { quickPublishMode } from './src/lib/quick-publish.ts';
import { inlineScriptHashes } from './scripts/csp-inline-hashes.mjs';

const site = process.env.SITE_URL ?? 'http://localhost:4321';
// scripts/build.sh (npm run build) indexes and compresses in a process of its own after this one exits.
const indexSeparately = process.env.SEARCH_INDEX_STEP === 'separate';
// scripts/publish.ts builds only new or edited letters' pages this way and lays them over the live build.
const quick = quickPublishMode(process.env) !== undefined;

export default defineConfig({
  site,
  output: 'static',
  // Middleware mode: scripts/serve.mjs owns the HTTP server (static files, limits, timeouts,
  // headers, shutdown) and hands Astro only what it must render. staticHeaders moves each
  // prerendered page's CSP out of a <meta> into _headers.json, which the server sends as a
  // header (frame-ancestors works only there). bodySizeLimit is the adapter's own cap,
  // behind the server's, and the same one.
  adapter: node({ mode: 'middleware', staticHeaders: true, bodySizeLimit: MAX_BODY_BYTES }),
  // Separate output and cache folders let several builds (tests, bench) run side by side.
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'ignore',
  // The site's CSS is small (a few KB compressed): inline, it costs no render-blocking round trip
  // before first paint. Astro hashes each <style> into the CSP.
  build: { inlineStylesheets: 'always' },
  markdown: { processor: markdownProcessor() },
  integrations: [
    frontmatterCheck(),
    mdx(),
    react(),
    catalogueManifest(),
    ...(quick
      ? [quickPublish()]
      : [sitemap({ filter: (page) => !/\/(desk|ask\/status)\/|\/catalogue\.json$/.test(page) })]),
    ...(indexSeparately || quick ? [] : [pagefindIndex(), precompress()]),
  ],
  security: {
    // The origin check lives in src/middleware.ts: it covers every non-GET request (including
    // form actions named by ?_action= on any page) and allows RFC 8058 one-click unsubscribe only.
    checkOrigin: false,
    // The middleware's cap again, for bodies sent without a Content-Length.
    actionBodySizeLimit: MAX_BODY_BYTES,
    // Astro hashes its own scripts and styles into the CSP; nothing inline runs unless hashed.
    // The policy goes out as a header (see the adapter above), so frame-ancestors takes effect.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
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
