/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// The scale-out test (tests/scale-out): two production servers on one PostgreSQL behind
// nginx. scripts/test.sh runs it after the build; its cases run in order on one setup.
export default getViteConfig({
  test: {
    include: ['tests/scale-out/**/*.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
