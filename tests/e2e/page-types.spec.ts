import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/server/db';
import { insertQuestion } from '../../src/server/questions/repository';
import { insertReply } from '../../src/server/replies/repository';
import { letterFiles, publishedSlugs } from './site-helpers';

// Every page type the site has, checked as served: valid HTML by the Nu checker (one JVM for
// all pages) and no axe violations in the light and the dark theme. The static page types get
// their axe scan in a11y.spec.ts; the rest (search, ask, on-demand and desk pages) get it here.
const port = Number(process.env.E2E_PORT ?? 4399);
const dataFile = process.env.E2E_SQLITE_PATH ?? `.e2e-data/e2e-${String(port)}.sqlite`;
const EMAIL = `page-types-${String(port)}@example.com`;
const PASSWORD = 'page types password, long enough';
const [slug = ''] = publishedSlugs();
const year =
  letterFiles()
    .find((l) => l.slug === slug)
    ?.pubDate.slice(0, 4) ?? '';

// Each test walks every page type, so it gets more time than the default for one page.
test.describe.configure({ mode: 'serial', timeout: 600_000 });

const pages: Record<string, string> = {
  home: '/',
  letter: `/letters/${slug}/`,
  archive: '/archive/',
  'archive year': `/archive/${year}/`,
  topics: '/topics/',
  topic: '/topics/care-repair/',
  columnists: '/columnists/',
  columnist: '/columnists/pursebop/',
  search: '/search',
  '404': '/no-such-page/',
  ask: '/ask',
  'no-JS replies': `/letters/${slug}/replies`,
  'desk login': '/desk/login',
};
/** Scanned by axe in a11y.spec.ts already. */
const inA11ySpec = new Set(['home', 'letter', 'archive', 'archive year', 'topics', 'topic', 'columnist', '404']);
/** Pages that need a signed-in editor. */
const deskPages: Record<string, string> = {
  desk: '/desk',
  'desk replies': '/desk/replies?status=all',
  'desk questions': '/desk/questions',
  'desk audit': '/desk/audit',
  'desk outbox': '/desk/outbox',
};

test.beforeAll(async () => {
  execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/add-editor.ts', '--email', EMAIL, '--name', 'Page Types'],
    { env: { ...process.env, SQLITE_PATH: dataFile, DATABASE_URL: '' }, input: `${PASSWORD}\n`, stdio: 'pipe' },
  );
  const db = await openDb({ sqliteFile: dataFile });
  try {
    const reply = await insertReply(db, {
      letterId: slug,
      parentId: null,
      depth: 1,
      authorName: 'Page Types',
      authorEmail: null,
      notifyReplies: false,
      bodyMarkdown: 'A reply so the thread, the queue and the reply page have something to show.',
      status: 'published',
      holdReason: null,
      isColumnist: false,
      clientKey: 'page-types',
      replierKey: 'page-types',
      now: Date.now(),
    });
    deskPages['desk reply'] = `/desk/replies/${String(reply.id)}`;
    deskPages['desk columnist reply'] = `/desk/replies/new?letter=${slug}`;
    const asked = await insertQuestion(db, {
      pseudonym: 'Page Types',
      topic: 'care-repair',
      body: 'A question so the inbox, the question page and the status pages have something to show, long enough.',
      consent: true,
      clientKey: `page-types-${String(Date.now())}`,
    });
    if (!asked.ok) throw new Error('the page-types question was refused');
    pages['ask sent'] = `/ask/sent?token=${encodeURIComponent(asked.token)}`;
    pages['ask status'] = `/ask/status/${asked.token}`;
    deskPages['desk question'] = `/desk/questions/${String(asked.question.id)}`;
  } finally {
    await db.close();
  }
});

async function signIn(page: Page): Promise<void> {
  await page.goto('/desk/login');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Desk' })).toBeVisible();
}

async function html(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url);
  expect(response.status(), url).toBeLessThan(url === '/no-such-page/' ? 500 : 400);
  return response.text();
}

test('the Nu HTML checker finds no errors on any page type', async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pursebop-vnu-'));
  try {
    const files: string[] = [];
    const save = (name: string, text: string) => {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.html`);
      writeFileSync(file, text);
      files.push(file);
    };
    for (const [name, url] of Object.entries(pages)) save(name, await html(page.request, url));
    await signIn(page);
    for (const [name, url] of Object.entries(deskPages)) save(name, await html(page.request, url));
    const vnu = spawnSync(
      'java',
      ['-jar', 'node_modules/vnu-jar/build/dist/vnu.jar', '--errors-only', '--format', 'text', ...files],
      {
        encoding: 'utf8',
      },
    );
    const report = `${vnu.stdout}${vnu.stderr}`
      .replaceAll(`file:${dir}/`, '')
      .replace(/^Document checking completed\..*$/m, '')
      .trim();
    expect(report).toBe('');
    expect(vnu.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no violations on any page type (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const found: string[] = [];
    const scan = async (name: string, url: string) => {
      await page.goto(url);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      for (const v of results.violations)
        found.push(`${name}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    for (const [name, url] of Object.entries(pages)) if (!inA11ySpec.has(name)) await scan(name, url);
    await signIn(page);
    for (const [name, url] of Object.entries(deskPages)) await scan(name, url);
    expect(found).toEqual([]);
    await context.close();
  });
}
