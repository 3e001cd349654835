import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLetterDraft } from '../../../src/server/desk/letter-draft';

// The draft is built inside a throwaway copy of the project, so content/ in the work tree is never touched.
const root = process.cwd();
const skipped = new Set(['node_modules', '.git', 'data', 'test-results', 'playwright-report', '.astro', 'bench']);
const dir = mkdtempSync(join(tmpdir(), 'pursebop-draft-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const QUESTION_TEXT = 'My vintage flap has a loose turn-lock and {curly} <angle> *stars*; can it be fixed safely?';
const known = { topics: new Set(['care-repair']), columnists: new Set(['ines-hartley']) };
const draft = buildLetterDraft(
  { id: 7, pseudonym: 'Loose Lock', topic: 'care-repair', body: `${QUESTION_TEXT}\n\nThank you.` },
  { columnist: 'ines-hartley', now: new Date('2024-02-02T12:00:00Z'), ...known },
);

// The attack from the security review: ESM paragraphs that would run a command when the site is built or
// previewed, an innocent paragraph that used to break the build, and a backslash before a brace.
const PWNED = join(dir, 'pwned');
const HOSTILE = [
  "import cp from 'node:child_process'",
  `export const x = cp.execSync(${JSON.stringify(`touch ${PWNED}`)})`,
  '\u00a0export const y = {process.exit(1)}',
  'export fees on my bag were high, so I bought it abroad. My folder is C:\\{bags}.',
];
const hostile = buildLetterDraft(
  { id: 8, pseudonym: 'Import Export', topic: 'care-repair', body: HOSTILE.join('\n\n') },
  { columnist: 'ines-hartley', now: new Date('2024-02-03T12:00:00Z'), ...known },
);

/** The parent's environment without what Vitest adds (DEV=1, MODE=test…), which would leak into Astro's own. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DEV|PROD|MODE|SSR|BASE_URL|TEST|NODE_ENV|VITEST.*)$/.test(k)),
  );
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Asks the dev server for a page until it answers; the first requests wait for Vite to start. */
async function fetchWhenUp(url: string): Promise<Response> {
  let lastError: unknown;
  for (let i = 0; i < 240; i++) {
    try {
      return await fetch(url);
    } catch (err) {
      lastError = err;
      await sleep(500);
    }
  }
  throw new Error(`The dev server never answered: ${String(lastError)}`);
}

describe('a desk draft', { timeout: 240_000 }, () => {
  for (const name of readdirSync(root)) {
    if (skipped.has(name) || name.startsWith('dist')) continue;
    cpSync(join(root, name), join(dir, name), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'content/letters', draft.fileName), draft.content);
  // As if the editor had finished it: published, so the production build renders the reader's text.
  writeFileSync(join(dir, 'content/letters', hostile.fileName), hostile.content.replace('draft: true', 'draft: false'));

  it('builds, and is left out of the production site', () => {
    const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: dir,
      encoding: 'utf8',
      env: cleanEnv({ ASTRO_OUT_DIR: join(dir, 'dist'), ASTRO_CACHE_DIR: join(dir, '.astro-cache') }),
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(existsSync(join(dir, 'dist/client/letters/my-sa-left/index.html'))).toBe(true);
    expect(existsSync(join(dir, `dist/client/letters/${draft.slug}/index.html`))).toBe(false);
    expect(existsSync(PWNED), 'the build ran code from a question').toBe(false);
    const published = readFileSync(join(dir, `dist/client/letters/${hostile.slug}/index.html`), 'utf8');
    expect(published).toContain('export const x = cp.execSync(');
    expect(published).toContain('My folder is C:\\{bags}.');
  });

  it('shows in development with the question as written', async () => {
    const port = 45_000 + (process.pid % 1000);
    const dev = spawn(
      process.execPath,
      ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port), '--host', '127.0.0.1'],
      {
        cwd: dir,
        env: cleanEnv({ ASTRO_CACHE_DIR: join(dir, '.astro-cache-dev') }),
        stdio: 'ignore',
      },
    );
    try {
      const response = await fetchWhenUp(`http://127.0.0.1:${String(port)}/letters/${draft.slug}/`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('Loose Lock');
      expect(html).toContain('{curly} &lt;angle&gt; *stars*');

      const attack = await fetchWhenUp(`http://127.0.0.1:${String(port)}/letters/${hostile.slug}/`);
      expect(attack.status).toBe(200);
      const page = await attack.text();
      expect(page).toContain('import cp from &#39;node:child_process&#39;');
      expect(page).toContain('export const y = {process.exit(1)}');
      expect(page).toContain('export fees on my bag were high, so I bought it abroad. My folder is C:\\{bags}.');
      expect(existsSync(PWNED), 'the dev server ran code from a question').toBe(false);
    } finally {
      dev.kill();
    }
  });
});
