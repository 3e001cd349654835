import { defineConfig } from '@playwright/test';

// The e2e suite runs against the built site served by the project's own server
// (scripts/serve.mjs over dist/), with a fresh SQLite file, in Debian's Chromium.
const port = Number(process.env.E2E_PORT ?? 4399);
const outDir = process.env.ASTRO_OUT_DIR ?? 'dist';
// Outside test-results/, which Playwright empties at the start of every run.
const dataFile = process.env.E2E_SQLITE_PATH ?? `.e2e-data/e2e-${String(port)}.sqlite`;
// Specs open the same file (to add an editor, move a question along); they read it from here.
process.env.E2E_SQLITE_PATH = dataFile;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${String(port)}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `mkdir -p .e2e-data && rm -f ${dataFile}* && node scripts/serve.mjs ${outDir}`,
    url: `http://127.0.0.1:${String(port)}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      SQLITE_PATH: dataFile,
      DATABASE_URL: '',
      // Fixed so specs are repeatable; random-looking because a guessable secret is refused at start-up.
      SITE_SECRET: '04f7517236e6ff29a34a478c97c22962f9c57a3e264d08beb7a8b18e3cf52d4c',
      NODE_ENV: 'production',
      E2E: '1',
    },
  },
});
