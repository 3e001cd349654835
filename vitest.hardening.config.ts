/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// The hardening suite (tests/hardening): a production build served by scripts/serve.mjs,
// attacked over HTTP. scripts/test.sh runs it after the build, once per database
// (HARDENING_DB=sqlite|postgres). One file at a time: each section starts its own server.
export default getViteConfig({
  test: {
    include: ['tests/hardening/**/*.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
