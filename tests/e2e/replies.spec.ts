import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { approve, FILL_WAIT_MS, openReplies as openRepliesAt } from './replies-helpers';

test.describe.configure({ mode: 'serial' });

let letterPath = '';

const openReplies = (page: Page) => openRepliesAt(page, letterPath);

async function post(scope: ReturnType<Page['locator']>, name: string, body: string): Promise<void> {
  await scope.page().waitForTimeout(FILL_WAIT_MS);
  await scope.getByLabel('Name', { exact: true }).fill(name);
  await scope.getByLabel('Your reply').fill(body);
  await scope.getByRole('button', { name: 'Post reply' }).click();
}

const mainForm = (page: Page) => page.locator('.replies-live > form.reply-form');
const replyItem = (page: Page, text: string) => page.locator('li.reply', { hasText: text }).last();

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/archive/');
  const href = await page.locator('main a[href^="/letters/"]').first().getAttribute('href');
  await page.close();
  expect(href).toMatch(/^\/letters\/[a-z0-9-]+\/?$/);
  letterPath = href ?? '';
});

test('island: post, held view, reply, edit, vote, sort, delete', async ({ page, browser }) => {
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await openReplies(page);
  await expect(page.locator('.replies-count')).toHaveText('No replies yet — be the first');
  // Only a signed-in editor is offered the columnist's form.
  await expect(page.getByRole('link', { name: 'Reply as the columnist' })).toHaveCount(0);
  // The theme script is inline and hashed: it only unhides its toggle if the CSP let it run.
  await expect(page.locator('#theme-toggle')).toBeVisible();

  await post(mainForm(page), 'Second Guesser', 'Mine spotted too. **Dry it slowly** at room temperature.');
  const first = replyItem(page, 'Mine spotted too');
  await expect(first).toContainText('awaiting moderation');
  await expect(first.locator('strong', { hasText: 'Dry it slowly' })).toBeVisible();
  await expect(page.locator('.replies-count')).toHaveText('Showing 1 reply');
  await expect(page.getByRole('status').first()).toHaveText('Your reply is awaiting moderation.');

  // Another reader never sees a held reply.
  const other: BrowserContext = await browser.newContext();
  const otherPage = await other.newPage();
  await openReplies(otherPage);
  await expect(otherPage.locator('.replies-count')).toHaveText('No replies yet — be the first');
  await expect(otherPage.getByText('Mine spotted too')).toHaveCount(0);

  // The author still sees it after a reload (token in localStorage).
  await openReplies(page);
  await expect(replyItem(page, 'Mine spotted too')).toContainText('awaiting moderation');

  const firstId = Number((await replyItem(page, 'Mine spotted too').getAttribute('id'))?.replace('reply-', ''));
  await approve(firstId);
  await openReplies(page);
  await expect(replyItem(page, 'Mine spotted too')).not.toContainText('awaiting moderation');

  // Reply to it: the author is now approved, so the answer goes live at once, nested under it.
  await replyItem(page, 'Mine spotted too').getByRole('button', { name: 'Reply' }).click();
  const nestedForm = replyItem(page, 'Mine spotted too').locator('form.reply-form');
  await post(nestedForm, 'Second Guesser', 'Update: the spots faded after a week.');
  const child = page.locator(`#reply-${String(firstId)} .replies-children li.reply`, { hasText: 'spots faded' });
  await expect(child).toBeVisible();
  await expect(child).not.toContainText('awaiting moderation');
  await expect(page.locator('.replies-count')).toHaveText('Showing 2 replies');
  await expect(child).toBeFocused();

  // Edit within the window.
  await child.getByRole('button', { name: 'Edit' }).click();
  await child.getByLabel('Edit your reply').fill('Update: the spots faded completely after two weeks.');
  await child.getByRole('button', { name: 'Save' }).click();
  await expect(child).toContainText('faded completely after two weeks');
  await expect(child).toContainText('(edited)');

  // Another reader finds the first reply helpful, once.
  await openReplies(otherPage);
  const otherFirst = otherPage.locator(`#reply-${String(firstId)} > article`);
  await otherFirst.getByRole('button', { name: 'Helpful (0)' }).click();
  await expect(otherFirst.getByRole('button', { name: 'Helpful (1)' })).toBeDisabled();
  await openReplies(otherPage);
  await expect(
    otherPage.locator(`#reply-${String(firstId)} > article`).getByRole('button', { name: 'Helpful (1)' }),
  ).toBeDisabled();
  // No Edit/Delete for someone else's reply.
  await expect(otherFirst.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await other.close();

  // A second thread, then the sort switch.
  await post(mainForm(page), 'Second Guesser', 'A newer thought: ask the boutique about a spa.');
  await expect(replyItem(page, 'A newer thought')).toBeVisible();
  const topLevel = page.locator('.replies-thread > li.reply > article');
  await page.getByRole('button', { name: 'Newest' }).click();
  await expect(page.getByRole('button', { name: 'Newest' })).toHaveAttribute('aria-pressed', 'true');
  await expect(topLevel.first()).toContainText('A newer thought');
  await page.getByRole('button', { name: 'Most helpful' }).click();
  await expect(topLevel.first()).toContainText('Mine spotted too');
  await page.getByRole('button', { name: 'Oldest' }).click();
  await expect(topLevel.first()).toContainText('Mine spotted too');

  // Delete the newer one.
  await replyItem(page, 'A newer thought').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('A newer thought')).toHaveCount(0);
  await expect(page.locator('.replies-count')).toHaveText('Showing 2 replies');
  await openReplies(page);
  await expect(page.getByText('A newer thought')).toHaveCount(0);

  expect(cspErrors).toEqual([]);
});

test('island: server errors show next to their field and keep the text', async ({ page }) => {
  await openReplies(page);
  // Blank after trimming: only the server can tell, and it answers per field.
  await post(mainForm(page), '   ', 'A reply from someone who forgot to give a name.');
  const form = mainForm(page);
  await expect(form.getByText('Please add your name')).toBeVisible();
  await expect(form.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Your reply')).toHaveValue('A reply from someone who forgot to give a name.');
  // The optimistic copy is withdrawn once the server refuses it.
  await expect(page.locator('li.reply', { hasText: 'A reply from someone who forgot' })).toHaveCount(0);
});

test('without JavaScript: post (303 with the outcome), edit and delete', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${letterPath.replace(/\/$/, '')}/replies`);
  await expect(page.getByText('Mine spotted too')).toBeVisible();
  await expect(page.locator('.replies-count')).toHaveText('Showing 2 replies');
  const form = page.locator('#reply-form');
  await page.waitForTimeout(FILL_WAIT_MS);
  await form.getByLabel('Name', { exact: true }).fill('Quiet Reader');
  await form.getByLabel('Email (optional)').fill('quiet@example.com');
  await form.getByLabel('Your reply').fill('Posted with scripts off: a *plain* form works.');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    form.getByRole('button', { name: 'Post reply' }).click(),
  ]);
  expect(response.status()).toBe(303);
  await page.waitForURL(/\?posted=\d+/);
  await expect(page.getByRole('status')).toContainText('awaiting moderation');
  await expect(page.locator('li.reply', { hasText: 'Posted with scripts off' })).toContainText('awaiting moderation');
  await expect(page.locator('li.reply em', { hasText: 'plain' })).toBeVisible();

  // The author edits and deletes it, still without JavaScript (token in an HttpOnly cookie).
  const mine = page.locator('li.reply', { hasText: 'Posted with scripts off' });
  await mine.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByLabel('Edit your reply')).toHaveValue('Posted with scripts off: a *plain* form works.');
  await page.getByLabel('Edit your reply').fill('Edited with scripts off.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Your reply was saved.');
  await expect(page.locator('li.reply', { hasText: 'Edited with scripts off.' })).toContainText('(edited)');
  await page
    .locator('li.reply', { hasText: 'Edited with scripts off.' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(page.getByRole('status')).toHaveText('Your reply was deleted.');
  await expect(page.locator('li.reply', { hasText: 'Edited with scripts off.' })).toHaveCount(0);
  // Someone else's reply offers no Edit or Delete.
  await expect(
    page.locator('li.reply', { hasText: 'Mine spotted too' }).getByRole('link', { name: 'Edit' }),
  ).toHaveCount(0);
  await context.close();
});

test('hold-first: an approved replier is known by the key their browser keeps, not by the email they type', async ({
  browser,
}) => {
  const email = `known-${String(Date.now())}@example.com`;
  const repliesUrl = `${letterPath.replace(/\/$/, '')}/replies`;
  const postPlain = async (page: Page, name: string, body: string): Promise<number> => {
    await page.goto(repliesUrl);
    await page.waitForTimeout(FILL_WAIT_MS);
    const form = page.locator('#reply-form');
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Email (optional)').fill(email);
    await form.getByLabel('Your reply').fill(body);
    await form.getByRole('button', { name: 'Post reply' }).click();
    await page.waitForURL(/\?posted=\d+/);
    return Number(/posted=(\d+)/.exec(page.url())?.[1]);
  };
  const alice = await browser.newContext({ javaScriptEnabled: false });
  const alicePage = await alice.newPage();
  await approve(await postPlain(alicePage, 'Known Alice', 'First words from Alice about the spots.'));

  // A stranger in another browser types Alice's name and address: held all the same.
  const stranger = await browser.newContext({ javaScriptEnabled: false });
  const strangerPage = await stranger.newPage();
  await postPlain(strangerPage, 'Known Alice', 'Posing as Alice with a link to a shop.');
  await expect(strangerPage.getByRole('status')).toContainText('awaiting moderation');
  await stranger.close();

  // Alice's own browser still holds her key (an HttpOnly cookie): straight through, under any name.
  await postPlain(alicePage, 'Alice B.', 'Second words from Alice, now live at once.');
  await expect(alicePage.getByRole('status')).toHaveText('Thank you. Your reply was posted.');
  await alice.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`accessibility (${colorScheme}): live thread with an open reply form, and the no-JS page`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const axe = async () => {
      const results = await new AxeBuilder({ page })
        .include('#replies')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    await openReplies(page);
    const thread = page.locator('.replies-thread > li.reply', { hasText: 'Mine spotted too' });
    await thread.locator('> article').getByRole('button', { name: 'Reply' }).click();
    await expect(thread.locator('> form.reply-form').getByLabel('Name', { exact: true })).toBeFocused();
    expect(await axe()).toEqual([]);
    await page.goto(`${letterPath.replace(/\/$/, '')}/replies`);
    expect(await axe()).toEqual([]);
    await context.close();
  });
}

test('HTTP: CSP without unsafe-inline, 404, cross-origin refusal, 413 and 429 with Retry-After', async ({
  page,
  request,
  baseURL,
}) => {
  const origin = baseURL ?? '';
  // The policy travels as a response header (a <meta> cannot carry frame-ancestors).
  const letterPage = await page.goto(letterPath);
  const csp = letterPage?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc).toContain("'self'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");

  expect((await request.get('/letters/no-such-letter/replies')).status()).toBe(404);
  const repliesPage = await request.get(`${letterPath.replace(/\/$/, '')}/replies`);
  expect(repliesPage.headers()['cache-control']).toBe('private, no-store');
  const unknown = await request.post('/_actions/replies.list', {
    headers: { origin },
    data: { letterId: 'no-such-letter' },
  });
  expect(unknown.status()).toBe(404);

  const crossSite = await request.post(`${letterPath.replace(/\/$/, '')}/replies?_action=replies.create`, {
    headers: { origin: 'https://evil.example' },
    form: { letterId: 'x', name: 'x', body: 'x' },
  });
  expect(crossSite.status()).toBe(403);

  const tooBig = await request.post('/_actions/replies.create', {
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    data: `body=${'x'.repeat(64 * 1024)}`,
  });
  expect(tooBig.status()).toBe(413);
  const notJson = await request.post('/_actions/replies.list', {
    headers: { origin, 'content-type': 'application/json' },
    data: '{"letterId": ',
  });
  expect(notJson.status()).toBe(400);

  // Exhaust this address's posting budget: the refusal says when to come back.
  let last = await request.post('/_actions/replies.create', { headers: { origin }, form: { letterId: 'x' } });
  for (let i = 0; i < 12 && last.status() !== 429; i++) {
    last = await request.post('/_actions/replies.create', {
      headers: { origin },
      form: { letterId: letterPath.split('/')[2] ?? '', name: 'Flood', body: `flood ${String(i)}` },
    });
  }
  expect(last.status()).toBe(429);
  expect(Number(last.headers()['retry-after'])).toBeGreaterThan(0);
});
