import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = Number(process.env.E2E_PORT ?? 4399);
const dataFile = process.env.E2E_SQLITE_PATH ?? `.e2e-data/e2e-${String(port)}.sqlite`;
const EMAIL = `desk-e2e-${String(port)}@example.com`;
const PASSWORD = 'e2e desk password, long enough';
// The reply and ask forms refuse posts filled faster than 3 seconds: a wait, not an assertion.
const FILL_WAIT_MS = 3_200;
const LETTER = 'my-sa-left';
const run = `${String(process.pid)}-${String(Date.now())}`;
const REPLIER = `Desk Tester ${run}`;
const PSEUDONYM = `Drafted ${run}`;
const QUESTION =
  'I inherited my grandmother’s old kelly bag and the handles are cracking along the edges. Is it worth restoring a bag like this through the maker’s workshop, or should I find an independent craftsperson who works on vintage leather?';

const written: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  // The editor goes into the e2e server's own SQLite file, the way an operator would add one.
  execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/add-editor.ts', '--email', EMAIL, '--name', 'E2E Editor'],
    { env: { ...process.env, SQLITE_PATH: dataFile, DATABASE_URL: '' }, input: `${PASSWORD}\n`, stdio: 'pipe' },
  );
});

test.afterAll(() => {
  // A draft the test made must not stay in the real content folder.
  for (const file of written) rmSync(file, { force: true });
});

async function axe(page: Page) {
  const scan = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(scan.violations).toEqual([]);
}

async function signIn(page: Page) {
  await page.goto('/desk/login');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Desk' })).toBeVisible();
}

test('the desk needs a sign-in; wrong details get one generic error', async ({ page }) => {
  await page.goto('/desk/replies');
  await expect(page).toHaveURL(/\/desk\/login\?next=%2Fdesk%2Freplies/);
  await axe(page);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const wrongPassword = await page.getByRole('alert').textContent();
  await page.getByLabel('Email').fill('nobody@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(wrongPassword ?? 'missing');
  expect(wrongPassword).toContain('do not match');

  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/desk\/replies/);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'desk_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/desk' });
  await axe(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/desk\/login/);
  await page.goto('/desk/audit');
  await expect(page).toHaveURL(/\/desk\/login/);
});

test('a state-changing desk request without the CSRF token is refused with 403', async ({ page }) => {
  await signIn(page);
  const forged = await page.request.post('/desk/replies?_action=desk.replies.moderate', {
    form: { bulk: 'approve', ids: '1' },
    headers: { Origin: `http://127.0.0.1:${String(port)}` },
  });
  expect(forged.status()).toBe(403);
  const wrong = await page.request.post('/desk/replies?_action=desk.replies.moderate', {
    form: { bulk: 'approve', ids: '1', _csrf: 'not-the-token' },
    headers: { Origin: `http://127.0.0.1:${String(port)}` },
  });
  expect(wrong.status()).toBe(403);
});

test('a held reply, approved at the desk, shows on the letter page', async ({ browser, page }) => {
  // A first-time replier without JavaScript: held under the default hold-first policy.
  const reader = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await reader.newPage();
  await readerPage.goto(`/letters/${LETTER}/replies`);
  await readerPage.getByRole('textbox', { name: 'Name', exact: true }).fill(REPLIER);
  await readerPage
    .getByRole('textbox', { name: 'Your reply' })
    .fill(`Mine went the same way, ${run}; the new associate was lovely.`);
  await readerPage.waitForTimeout(FILL_WAIT_MS);
  await readerPage.getByRole('button', { name: 'Post reply' }).click();
  await expect(readerPage.getByText('awaiting moderation').first()).toBeVisible();
  await reader.close();

  await signIn(page);
  await page.goto(`/desk/replies?status=held&letter=${LETTER}`);
  const card = page.locator('.queue > li', { hasText: REPLIER });
  await expect(card).toBeVisible();
  await axe(page);
  // Keyboard only: tick the row's box and apply the bulk action.
  await card.getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await page.getByLabel('With the selected replies').selectOption('approve');
  await page.getByRole('button', { name: 'Apply to selected' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('approve: 1 reply updated.');
  await expect(page.locator('.queue > li', { hasText: REPLIER })).toHaveCount(0);

  await page.goto(`/letters/${LETTER}/replies`);
  await expect(page.getByRole('article', { name: `Reply from ${REPLIER}` })).toBeVisible();
  // And on the static letter page itself, once the replies island has loaded the thread.
  await page.goto(`/letters/${LETTER}/`);
  await page.locator('#replies').scrollIntoViewIfNeeded();
  await expect(page.locator('#replies astro-island')).not.toHaveAttribute('ssr');
  await expect(page.locator('#replies').getByText(REPLIER)).toBeVisible();
  // A signed-in editor is offered the columnist's reply form from the letter page.
  const asColumnist = page.locator('#replies').getByRole('link', { name: 'Reply as the columnist' });
  await expect(asColumnist).toHaveAttribute('href', `/desk/replies/new?letter=${LETTER}`);

  await page.goto('/desk/audit');
  await expect(page.getByRole('row', { name: /reply\.approve/ }).first()).toContainText(EMAIL);
  await axe(page);
});

test('a question becomes a draft and is marked answered', async ({ browser, page }) => {
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const ask = await visitor.newPage();
  await ask.goto('/ask');
  await ask.getByLabel('Sign your letter as').fill(PSEUDONYM);
  await ask.getByLabel('Topic').selectOption({ label: 'Care & repair' });
  await ask.getByLabel('Your question').fill(QUESTION);
  await ask.getByLabel('PurseBop may publish an edited version of my letter').check();
  await ask.waitForTimeout(FILL_WAIT_MS);
  await ask.getByRole('button', { name: 'Send my question' }).click();
  await expect(ask).toHaveURL(/\/ask\/sent/);
  await visitor.close();

  await signIn(page);
  await page.goto('/desk/questions');
  await page.getByLabel('Search the text').fill(PSEUDONYM);
  await page.getByLabel('State').selectOption('received');
  await page.getByRole('button', { name: 'Filter' }).click();
  await axe(page);
  await page
    .getByRole('row', { name: new RegExp(PSEUDONYM) })
    .getByRole('link')
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Question #\d+/);
  await axe(page);

  await page.getByRole('button', { name: 'Shortlist' }).click();
  await expect(page.getByRole('status')).toHaveText('Question shortlisted.');

  await page.getByLabel('Columnist').selectOption({ label: 'Ines Hartley' });
  await page.getByRole('button', { name: 'Start a draft' }).click();
  const done = (await page.getByRole('status').textContent()) ?? '';
  const name = /Draft (\S+\.mdx) saved in the desk/.exec(done)?.[1];
  expect(name).toBeDefined();
  // The draft lives in the database, listed in the desk, until drafts:pull writes it out.
  await page.getByRole('link', { name: 'Drafts' }).click();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: name ?? '' })
      .filter({ hasText: 'waiting' }),
  ).toBeVisible();
  await axe(page);
  const letters = mkdtempSync(path.join(os.tmpdir(), 'pursebop-e2e-pull-'));
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/drafts-pull.ts'], {
    env: { ...process.env, SQLITE_PATH: dataFile, DATABASE_URL: '', LETTERS_DIR: letters },
    stdio: 'pipe',
  });
  const file = path.join(letters, name ?? '');
  written.push(file);
  expect(existsSync(file)).toBe(true);
  const mdx = readFileSync(file, 'utf8');
  expect(mdx).toContain('draft: true');
  expect(mdx).toContain(`pseudonym: "${PSEUDONYM}"`);
  expect(mdx).toContain('topics: ["care-repair"]');
  expect(mdx).toContain('columnist: "ines-hartley"');
  expect(mdx).toMatch(/<Letter>\n\n<p>\{"I inherited my grandmother’s old kelly bag/);
  expect(mdx).toMatch(/<Answer>\n\n<\/Answer>/);

  await page.goBack();
  await page.getByLabel('Published letter that answers it').selectOption(LETTER);
  await page.getByRole('button', { name: 'Mark answered' }).click();
  await expect(page.getByRole('status')).toHaveText('Question marked answered.');
  await expect(page.locator('.facts')).toContainText('answered');
  await expect(page.getByRole('listitem').filter({ hasText: 'answered by E2E Editor' })).toBeVisible();

  await page.goto('/desk/audit');
  await expect(page.getByRole('row', { name: /question\.draft/ }).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /question\.answer/ }).first()).toBeVisible();
});

test('a columnist reply notifies the reader who asked, and the email’s unsubscribe link works', async ({
  browser,
  page,
}) => {
  // The whole round trip of a reader's mail (confirm, notify, unsubscribe) is long on a busy machine.
  test.slow();
  const reader = `Notify Me ${run}`;
  const readerEmail = `reader-${run}@example.com`;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const readerPage = await context.newPage();
  await readerPage.goto('/letters/rain-spots/replies');
  await readerPage.getByRole('textbox', { name: 'Name', exact: true }).fill(reader);
  await readerPage.getByRole('textbox', { name: 'Email (optional)' }).fill(readerEmail);
  await readerPage.getByRole('checkbox', { name: 'Email me when someone replies to my reply' }).check();
  await readerPage
    .getByRole('textbox', { name: 'Your reply' })
    .fill(`Does a hairdryer help with water spots? (${run})`);
  await readerPage.waitForTimeout(FILL_WAIT_MS);
  await readerPage.getByRole('button', { name: 'Post reply' }).click();
  await expect(readerPage.getByText('awaiting moderation').first()).toBeVisible();
  await expect(readerPage.getByRole('status')).toContainText('confirm your address with the link we will send you');
  await context.close();

  await signIn(page);
  await page.goto('/desk/replies?status=held&letter=rain-spots');
  await page
    .locator('.queue > li', { hasText: reader })
    .getByRole('link', { name: /Edit or reply/ })
    .click();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toHaveText('Reply approved.');
  await axe(page);
  const replyUrl = page.url();

  // Published, the reply asks its address for a confirmation: a link that only shows a button.
  await page.goto('/desk/outbox');
  await page.getByRole('button', { name: 'Check for new notifications now' }).click();
  const confirmation = page.getByRole('article').filter({ hasText: `To ${readerEmail}` });
  await expect(confirmation).toHaveCount(1);
  await expect(confirmation.getByRole('heading')).toHaveText('Please confirm your email address for Dear PurseBop');
  const confirmText = (await confirmation.locator('pre').textContent()) ?? '';
  expect(confirmText).not.toContain(reader);
  const confirmLink = new URL(/(\S+\/notify\/confirm\?t=\S+)/.exec(confirmText)?.[1] ?? '');
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto(confirmLink.pathname + confirmLink.search);
  await expect(ownerPage.getByRole('heading', { level: 1 })).toHaveText('Confirm your email address');
  await axe(ownerPage);
  await ownerPage.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(ownerPage.getByRole('heading', { level: 1 })).toHaveText('Your address is confirmed');
  await expect(ownerPage.getByRole('status')).toContainText(readerEmail);
  await owner.close();

  await page.goto(replyUrl);
  await page.getByLabel('Sign as').selectOption({ label: 'PurseBop' });
  await page.getByLabel('Columnist reply').fill('Please keep heat well away from vachetta; let it dry naturally.');
  await page.getByRole('button', { name: 'Publish as the columnist' }).click();
  await expect(page.getByRole('status')).toHaveText('Columnist reply published.');
  await expect(page.locator('.reply-card .badge')).toHaveText('Columnist');

  await page.goto('/desk/outbox');
  await page.getByRole('button', { name: 'Check for new notifications now' }).click();
  const mail = page
    .getByRole('article')
    .filter({ hasText: `To ${readerEmail}` })
    .filter({ hasText: 'New reply to your reply' });
  await expect(mail).toHaveCount(1);
  await expect(mail.getByRole('heading')).toHaveText('New reply to your reply on Dear PurseBop');
  const text = (await mail.locator('pre').textContent()) ?? '';
  const link = /Stop these emails with one click: (\S+)/.exec(text)?.[1] ?? '';
  const url = new URL(link);
  expect(url.pathname).toBe('/desk/unsubscribe');

  // The link works from a mail client: no desk session needed. Opening it only asks (mail
  // scanners open links); the button does it.
  const visitor = await browser.newContext();
  const inbox = await visitor.newPage();
  await inbox.goto(url.pathname + url.search);
  await expect(inbox.getByRole('heading', { level: 1 })).toHaveText('Stop reply emails?');
  await expect(inbox.getByText(readerEmail)).toBeVisible();
  await axe(inbox);
  await inbox.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(inbox.getByRole('heading', { level: 1 })).toHaveText('You are unsubscribed');
  await expect(inbox.getByText(readerEmail)).toBeVisible();
  // RFC 8058: the mail provider POSTs from its own server, with no Origin and no cookies.
  const oneClick = await visitor.request.post(url.pathname + url.search, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: 'List-Unsubscribe=One-Click',
  });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toBe('Unsubscribed.');
  const forged = await visitor.request.post(`${url.pathname}?t=tampered`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    data: 'List-Unsubscribe=One-Click',
  });
  expect(forged.status()).toBe(400);
  await inbox.goto(`${url.pathname}?t=tampered`);
  await expect(inbox.getByRole('heading', { level: 1 })).toHaveText('This link is not valid');
  await visitor.close();
});

test('the outbox shows waiting messages when SMTP is not configured', async ({ page }) => {
  await signIn(page);
  await axe(page);
  await page.goto('/desk/replies/new?letter=my-sa-left');
  await expect(page.getByRole('button', { name: 'Publish as the columnist' })).toBeVisible();
  await axe(page);
  await page.goto('/desk/outbox');
  await page.getByRole('button', { name: 'Check for new notifications now' }).click();
  await expect(page.getByRole('status')).toContainText('SMTP is not configured');
  await expect(
    page.getByRole('heading', { level: 2, name: /Dear PurseBop desk: \d+ new question/ }).first(),
  ).toBeVisible();
  await axe(page);
});
