// @ts-check
// npm run test:mutation — mutation testing of src/lib and the security-critical server code.
// CPU-heavy: one test runner at a time, so it can share a 2-core machine; not part of npm test.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/lib/**/*.ts',
    'src/server/replies/markdown.ts',
    'src/server/replies/policy.ts',
    'src/server/replies/tokens.ts',
    'src/server/spam.ts',
    'src/server/rate-limit.ts',
    'src/server/secret.ts',
    'src/server/auth/lockout.ts',
    'src/server/auth/login.ts',
    'src/server/auth/login-form.ts',
    'src/server/auth/password.ts',
    'src/server/auth/sessions.ts',
    'src/server/questions/tokens.ts',
    'src/server/desk/drafts.ts',
    'src/server/desk/letter-draft.ts',
    // The body limit. The rest of src/middleware.ts (Origin, CSRF, headers, faults) is proven over HTTP
    // by the hardening suite (sections 1, 5 and 6), which needs a build and a server per run.
    'src/server/body-limit.ts',
  ],
  concurrency: 1,
  // Reruns test only the mutants whose code or covering tests changed since the kept results.
  incremental: true,
  incrementalFile: '.test-reports/stryker-incremental.json',
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  timeoutMS: 20_000,
  // The first full test run on a busy 2-core machine takes minutes.
  dryRunTimeoutMinutes: 30,
  thresholds: { high: 90, low: 85, break: null },
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '.test-reports/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: [
    'dist',
    'dist-*',
    'bench',
    '.e2e-data',
    '.test-reports',
    'data',
    'test-results',
    'playwright-report',
  ],
  cleanTempDir: true,
};
