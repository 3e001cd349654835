import { spawn, type ChildProcess } from 'node:child_process';
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
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAsking } from './request-loops';

// A real site, built and served from a throwaway copy of the project, published to while it answers requests.
const port = Number(process.env.PUBLISH_QUICK_TEST_PORT ?? 4466);
const base = `http://127.0.0.1:${String(port)}`;
const work = mkdtempSync(path.join(tmpdir(), 'pursebop-quick-'));
const project = path.join(work, 'project');
// Inside the project, as by default: the server bundle finds its packages in the project's node_modules.
const builds = path.join(project, 'builds');
const letters = path.join(project, 'content', 'letters');
const skipped = new Set([
  'node_modules',
  '.git',
  'data',
  'test-results',
  'playwright-report',
  '.astro',
  'bench',
  'builds',
]);

/** The parent's environment without what Vitest adds (DEV=1, MODE=test…), which would leak into Astro's own. */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DEV|PROD|MODE|SSR|BASE_URL|TEST|NODE_ENV|VITEST.*)$/.test(k)),
  ),
  NO_COLOR: '1',
  HOST: '127.0.0.1',
  PORT: String(port),
  SITE_URL: base,
  BUILDS_DIR: builds,
  SQLITE_PATH: path.join(work, 'site.sqlite'),
  ASTRO_CACHE_DIR: path.join(work, 'astro-cache'),
  ASTRO_QUICK_CACHE_DIR: path.join(work, 'astro-quick-cache'),
  OG_CACHE_DIR: path.join(work, 'og-cache'),
  DATABASE_URL: '',
};
delete env.DATABASE_URL;

/** Runs scripts/publish.ts without blocking, so the request loops keep going while it builds and switches. */
function publish(...args: string[]): Promise<{ status: number | null; out: string }> {
  const child = spawn(process.execPath, ['scripts/publish.ts', ...args], { cwd: project, env });
  let out = '';
  const collect = (chunk: Buffer) => {
    out += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => {
    child.on('close', (status) => {
      resolve({ status, out });
    });
  });
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${base}${url}`);
  return { status: res.status, body: await res.text() };
}

/** Asks for `url` until `check` holds on the answer; returns that answer. */
async function until(url: string, check: (a: { status: number; body: string }) => boolean) {
  for (;;) {
    const answer = await get(url).catch(() => undefined);
    if (answer && check(answer)) return answer;
    await sleep(100);
  }
}

/** The page without its inline styles, which Astro may group differently when it builds fewer pages. */
const markup = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '');

const ADDED_ID = 'quick-path-wallet';
const ADDED_HEADLINE = 'Can a dusty wallet be saved without a trip to the boutique?';
const EDITED_ID = 'is-this-pre-spend';
const EDIT = 'A sentence added after publication, to be seen at once.';
let server: ChildProcess | undefined;

beforeAll(async () => {
  for (const name of readdirSync(process.cwd())) {
    if (skipped.has(name) || name.startsWith('dist') || name.startsWith('.')) continue;
    cpSync(name, path.join(project, name), { recursive: true });
  }
  symlinkSync(path.join(process.cwd(), 'node_modules'), path.join(project, 'node_modules'), 'dir');
  const first = await publish('--full');
  expect(first.status, first.out).toBe(0);
  server = spawn(process.execPath, ['scripts/serve-live.mjs', builds], { cwd: project, env, stdio: 'ignore' });
  await until('/', (a) => a.status === 200);
}, 300_000);

afterAll(() => {
  server?.kill('SIGTERM');
  // A background full build still running would write into the folder being removed.
  const holder = Number(
    existsSync(path.join(builds, 'publish.lock')) ? readFileSync(path.join(builds, 'publish.lock'), 'utf8') : 0,
  );
  if (holder) process.kill(holder, 'SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

describe('publishing letters without a full build', { timeout: 300_000 }, () => {
  let quickPage = '';

  it('makes an added letter live, findable and the same page a full build makes, with no failed request', async () => {
    const model = readFileSync(path.join(letters, '2024-04-10-special-order-arrived.mdx'), 'utf8');
    const added = model
      .replace(/^headline: .*$/m, `headline: ${JSON.stringify(ADDED_HEADLINE)}`)
      .replace(/^pubDate: .*$/m, 'pubDate: 2026-09-01');
    writeFileSync(path.join(letters, `2026-09-01-${ADDED_ID}.mdx`), added);
    const searchBefore = await get('/pagefind/pagefind-entry.json');

    const load = keepAsking(
      [`/letters/${EDITED_ID}/`, '/', '/pagefind/pagefind-entry.json'].map(
        (url) => async () => (await get(url)).status,
      ),
    );
    const run = await publish();
    expect(run.status, run.out).toBe(0);
    expect(run.out).toContain('Quick publish: rendering 2026-09-01-quick-path-wallet.mdx');
    expect(run.out).toContain('Search index switched live');
    expect(run.out).toContain('A full build follows in the background');
    const live = await until(`/letters/${ADDED_ID}/`, (a) => a.status === 200);
    quickPage = live.body;
    expect(live.body).toContain(ADDED_HEADLINE);
    // The server's manifest knows the letter: its social card is drawn, its replies page answers.
    expect((await get(`/og/${ADDED_ID}.png`)).status).toBe(200);
    expect((await get(`/letters/${ADDED_ID}/replies`)).status).toBe(200);
    // The second quick step: a search index over every letter page, the new one included.
    const entry = (body: string) =>
      (JSON.parse(body) as { languages: { en: { page_count: number } } }).languages.en.page_count;
    const countBefore = entry(searchBefore.body);
    await until('/pagefind/pagefind-entry.json', (a) => a.status === 200 && entry(a.body) === countBefore + 1);

    // The full build that follows lists the letter on the home page and switches again.
    await until('/', (a) => a.body.includes(`/letters/${ADDED_ID}/`));
    await load.stop();
    expect(load.failures).toEqual([]);
    expect(load.answers.filter((s) => s !== 200)).toEqual([]);
    const full = await get(`/letters/${ADDED_ID}/`);
    expect(markup(quickPage)).toBe(markup(full.body));
    while (existsSync(path.join(builds, 'publish.lock'))) await sleep(200);
  });

  it('shows a changed letter’s new text, and a rollback brings the old text back', async () => {
    const file = path.join(letters, '2024-01-23-is-this-pre-spend.mdx');
    const source = readFileSync(file, 'utf8');
    expect(source).toContain('</Answer>');
    writeFileSync(file, source.replace('</Answer>', `${EDIT}\n\n</Answer>`));
    const run = await publish('--no-follow');
    expect(run.status, run.out).toBe(0);
    expect(run.out).toContain('Quick publish: rendering 2024-01-23-is-this-pre-spend.mdx');
    await until(`/letters/${EDITED_ID}/`, (a) => a.body.includes(EDIT));

    const back = await publish('--rollback');
    expect(back.status, back.out).toBe(0);
    const old = await until(`/letters/${EDITED_ID}/`, (a) => !a.body.includes(EDIT));
    expect(old.status).toBe(200);
    // The letter added before stays: the rollback went to the full build that listed it.
    expect((await get('/')).body).toContain(`/letters/${ADDED_ID}/`);
  });

  it('takes the full path when anything but a letter changed', async () => {
    const topics = path.join(project, 'content', 'topics.json');
    writeFileSync(topics, `${readFileSync(topics, 'utf8').trimEnd()}\n\n`);
    const plan = await publish('--dry-run');
    expect(plan.status, plan.out).toBe(0);
    expect(plan.out).toContain('full: content/topics.json is not a letter');
    const forced = await publish('--quick');
    expect(forced.status).toBe(1);
    expect(forced.out).toContain('The quick path cannot publish this: content/topics.json is not a letter');
  });
});
