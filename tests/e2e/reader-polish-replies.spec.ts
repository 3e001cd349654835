import { expect, test, type Page } from '@playwright/test';
import { approve, FILL_WAIT_MS, openReplies as openRepliesAt } from './replies-helpers';

// The replies area as a picky reader meets it: messages in words, "(edited)" only for an
// author's change, the site's look in both themes, and the no-JavaScript page's margins.

test.describe.configure({ mode: 'serial' });

let letterPath = '';
const plainPath = () => `${letterPath.replace(/\/$/, '')}/replies`;

const openReplies = (page: Page) => openRepliesAt(page, letterPath);

const mainForm = (page: Page) => page.locator('.replies-live > form.reply-form');

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/archive/');
  // Not the first letter: the replies spec uses that one and counts its replies.
  const href = await page.locator('main a[href^="/letters/"]').nth(1).getAttribute('href');
  await page.close();
  letterPath = href ?? '';
  expect(letterPath).toMatch(/^\/letters\/[a-z0-9-]+\/?$/);
});

test('an empty name or reply is answered in words, in the island and without JavaScript', async ({ page, browser }) => {
  await openReplies(page);
  await mainForm(page).getByRole('button', { name: 'Post reply' }).click();
  await expect(mainForm(page).getByText('Please add your name (up to 60 characters)')).toBeVisible();
  await expect(mainForm(page).getByText('Please write your reply (up to 5,000 characters)')).toBeVisible();
  await expect(page.getByText('Invalid input')).toHaveCount(0);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(plainPath());
  await plain.locator('#reply-form').getByRole('button', { name: 'Post reply' }).click();
  await expect(plain.getByText('Please add your name (up to 60 characters)')).toBeVisible();
  await expect(plain.getByText('Please write your reply (up to 5,000 characters)')).toBeVisible();
  await expect(plain.getByText('Invalid input')).toHaveCount(0);
  await context.close();
});

test('an approved reply is not "(edited)"; an empty edit is answered in words; a real edit is marked', async ({
  page,
}) => {
  await openReplies(page);
  await page.waitForTimeout(FILL_WAIT_MS);
  await mainForm(page).getByLabel('Name', { exact: true }).fill('Careful Keeper');
  await mainForm(page).getByLabel('Your reply').fill('I keep mine stuffed with tissue, never newspaper.');
  await mainForm(page).getByRole('button', { name: 'Post reply' }).click();
  const posted = page.locator('li.reply', { hasText: 'stuffed with tissue' });
  await expect(posted).toContainText('awaiting moderation');
  const id = (await posted.getAttribute('id')) ?? '';
  await approve(Number(id.replace('reply-', '')));
  const mine = page.locator(`#${id}`);

  await openReplies(page);
  await expect(mine).not.toContainText('awaiting moderation');
  await expect(mine).not.toContainText('(edited)');

  await mine.getByRole('button', { name: 'Edit' }).click();
  await mine.getByLabel('Edit your reply').fill('');
  await mine.getByRole('button', { name: 'Save' }).click();
  await expect(mine.getByText('Please write your reply (up to 5,000 characters)')).toBeVisible();
  await expect(page.getByText('Invalid input')).toHaveCount(0);
  await mine.getByLabel('Edit your reply').fill('I keep mine stuffed with acid-free tissue, never newspaper.');
  await mine.getByRole('button', { name: 'Save' }).click();
  await expect(mine).toContainText('acid-free tissue');
  await expect(mine).toContainText('(edited)');
});

test('the island and the no-JavaScript page print a reply the same way', async ({ page, browser }) => {
  await openReplies(page);
  const live = page.locator('li.reply', { hasText: 'acid-free tissue' }).locator('header');
  const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: 'America/Los_Angeles' });
  const plain = await context.newPage();
  await plain.goto(plainPath());
  const still = plain.locator('li.reply', { hasText: 'acid-free tissue' }).locator('header');
  await expect(still).toHaveText((await live.textContent()) ?? 'missing');
  await context.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the replies area wears the site's design (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openReplies(page);
    const accent = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--accent'));
    expect(accent).not.toBe('');
    const form = mainForm(page);
    const send = form.getByRole('button', { name: 'Post reply' });
    const style = await send.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        bg: s.backgroundColor,
        width: el.getBoundingClientRect().width,
        formWidth: el.closest('form')?.clientWidth,
      };
    });
    // Not the browser's grey, and not stretched across the form.
    expect(style.bg).not.toMatch(/^rgb\((2[0-4]\d), \1, \1\)$|^rgba\(0, 0, 0, 0\)$/);
    expect(style.width).toBeLessThan((style.formWidth ?? 0) / 2);
    const nameBg = await form
      .getByLabel('Name', { exact: true })
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    if (colorScheme === 'dark') expect(nameBg).not.toBe('rgb(255, 255, 255)');
    // Replies are set apart from one another.
    const card = page.locator('li.reply > article').first();
    expect(await card.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
    // The keyboard's place is visible on the reply buttons.
    await page.locator('li.reply').first().getByRole('button', { name: 'Reply' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page
      .locator('li.reply')
      .first()
      .getByRole('button', { name: 'Reply' })
      .evaluate((el) => getComputedStyle(el).outlineWidth);
    expect(ring).toBe('3px');
    await context.close();
  });
}

test('a vote says "You found this helpful"', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openReplies(page);
  const reply = page.locator('li.reply', { hasText: 'acid-free tissue' });
  await expect(reply.getByText('You found this helpful')).toHaveCount(0);
  await reply.getByRole('button', { name: 'Helpful (0)' }).click();
  await expect(reply.getByText('You found this helpful')).toBeVisible();
  await expect(reply.getByRole('button', { name: 'Helpful (1)' })).toBeDisabled();
  await context.close();
});

for (const width of [375, 1280]) {
  test(`the no-JavaScript replies page keeps side margins at ${String(width)} px`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(plainPath());
    for (const target of [page.getByRole('heading', { level: 1 }), page.getByText('acid-free tissue')]) {
      const box = await target.boundingBox();
      expect(box?.x ?? 0).toBeGreaterThanOrEqual(12);
      expect((box?.x ?? 0) + (box?.width ?? width)).toBeLessThanOrEqual(width - 12);
    }
    await context.close();
  });
}
