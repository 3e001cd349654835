/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// The tests Stryker runs against each mutant (npm run test:mutation): unit tests, the
// integration tests of the code under mutation (SQLite only), and the property tests.
// Builds, the search index and the browser are left out: they cover no mutated line.
export default getViteConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/{replies,questions}/**/*.test.ts',
      'tests/integration/desk/{auth,middleware,drafts,moderation,lockout}.test.ts',
      'tests/hardening/properties.test.ts',
    ],
    env: { DATABASE_URL: '', HARDENING_DB: 'sqlite', HARDENING_PROPERTY_RUNS: '100' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
