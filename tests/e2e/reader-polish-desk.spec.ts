import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { openDb } from '../../src/server/db';
import { insertQuestion } from '../../src/server/questions/repository';
import { insertReply } from '../../src/server/replies/repository';

// The desk as an editor reads it: words spaced and pluralised, names not ids, a select-all box.
const port = Number(process.env.E2E_PORT ?? 4399);
const dataFile = process.env.E2E_SQLITE_PATH ?? `.e2e-data/e2e-${String(port)}.sqlite`;
const EMAIL = `desk-polish-${String(port)}@example.com`;
const PASSWORD = 'polish desk password, long enough';
const run = `${String(process.pid)}-${String(Date.now())}`;

test.describe.configure({ mode: 'serial' });

let questionId = 0;

test.beforeAll(async () => {
  execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/add-editor.ts', '--email', EMAIL, '--name', 'Polish Editor'],
    { env: { ...process.env, SQLITE_PATH: dataFile, DATABASE_URL: '' }, input: `${PASSWORD}\n`, stdio: 'pipe' },
  );
  const db = await openDb({ sqliteFile: dataFile });
  try {
    for (const name of [`Anna Reader ${run}`, `Ben Reader ${run}`]) {
      await insertReply(db, {
        letterId: 'vachetta-patina',
        parentId: null,
        depth: 1,
        authorName: name,
        authorEmail: null,
        notifyReplies: false,
        bodyMarkdown: `A held reply from ${name}.`,
        status: 'held',
        holdReason: 'policy: hold every reply',
        isColumnist: false,
        clientKey: 'e2e-polish',
        replierKey: `e2e-polish-${name}`,
        now: Date.now(),
      });
    }
    const asked = await insertQuestion(db, {
      pseudonym: `Careful Carer ${run}`,
      topic: 'care-repair',
      body: 'How should I store a leather bag over a humid summer so that it keeps its shape and does not grow mould?',
      consent: true,
      clientKey: `e2e-polish-${run}`,
    });
    if (asked.ok) questionId = asked.question.id;
  } finally {
    await db.close();
  }
});

async function signIn(page: Page) {
  await page.goto('/desk/login');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Desk' })).toBeVisible();
}

test('the queue spaces numbers from names, marks unpublished letters, and approves all with one box', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/desk/replies?status=held&letter=vachetta-patina');
  await expect(page.getByRole('heading', { name: new RegExp(`^#\\d+ · Anna Reader ${run}`) })).toBeVisible();
  // A letter readers cannot see yet is marked as such in the filter.
  const options = await page.getByLabel('Letter', { exact: true }).locator('option').allInnerTexts();
  expect(options.some((o) => o.endsWith('(draft or scheduled, not public)'))).toBe(true);
  await page.getByLabel('Select all replies on this page').check();
  await page.getByLabel('With the selected replies').selectOption('approve');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(page.getByText(/approve: \d+ replies updated\./)).toBeVisible();
  await expect(page.getByText('reply(ies)')).toHaveCount(0);
  await expect(page.getByText(`Anna Reader ${run}`)).toHaveCount(0);
});

test('a question shows its topic by name', async ({ page }) => {
  expect(questionId).toBeGreaterThan(0);
  await signIn(page);
  await page.goto(`/desk/questions/${String(questionId)}`);
  await expect(page.getByText('Care & repair', { exact: true })).toBeVisible();
  await expect(page.getByText('care-repair', { exact: true })).toHaveCount(0);
});
