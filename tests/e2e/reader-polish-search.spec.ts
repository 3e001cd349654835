import { expect, test, type Page } from '@playwright/test';

// Search as a picky reader meets it: text shown as text, slips forgiven, topics found, no repeats.

const results = (page: Page) => page.locator('[data-search-results] > li');
const status = (page: Page) => page.locator('[data-search-status]');

async function searchFor(page: Page, words: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Words to look for' }).fill(words);
  await page.getByRole('searchbox', { name: 'Words to look for' }).press('Enter');
  // The index loads on the first search; on a busy machine that takes a while.
  await expect(status(page)).toContainText(`for “${words}”`, { timeout: 30_000 });
  await expect(page.locator('[data-search-results]')).not.toHaveAttribute('aria-busy', 'true');
}

test('excerpts show text as written, never escaped entities, and highlight words without their punctuation', async ({
  page,
}) => {
  await page.goto('/search');
  // A sample letter quotes a shop tag, "Piel & Seda, Madrid"; Pagefind hands its text back escaped.
  await searchFor(page, 'Piel Seda Madrid');
  await expect(results(page).first()).toContainText('Piel & Seda');
  await expect(results(page).first()).toBeVisible();
  const text = (await page.locator('[data-search-results]').innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
  for (const mark of await page.locator('[data-search-results] mark').allInnerTexts()) {
    expect(mark).toMatch(/^[\p{L}\p{N}].*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u);
  }
});

test('a misspelling gets "Did you mean", from the site’s own words, and stop-words are not highlighted', async ({
  page,
}) => {
  await page.goto('/search');
  await searchFor(page, 'Birkn');
  await expect(page.getByText('Did you mean')).toBeVisible();
  await page.getByRole('link', { name: 'birkin', exact: true }).click();
  await expect(status(page)).toContainText('for “birkin”', { timeout: 30_000 });
  await expect(page.locator('[data-search-results]')).not.toHaveAttribute('aria-busy', 'true');
  expect(await results(page).count()).toBeGreaterThan(0);

  await searchFor(page, 'speical ordr');
  await expect(page.getByRole('link', { name: 'special order', exact: true })).toBeVisible();
  const marks = await page.locator('[data-search-results] mark').allInnerTexts();
  expect(marks.map((m) => m.toLowerCase())).not.toContain('or');
});

test('a topic word finds every letter filed under that topic', async ({ page, request }) => {
  const topicPage = await (await request.get('/topics/quota-waitlists/')).text();
  const filed = new Set([...topicPage.matchAll(/href="(\/letters\/[a-z0-9-]+\/?)"/g)].map((m) => m[1]));
  expect(filed.size).toBeGreaterThan(1);
  await page.goto('/search');
  await searchFor(page, 'quota');
  while (await page.getByRole('button', { name: 'Show more results' }).isVisible()) {
    await page.getByRole('button', { name: 'Show more results' }).click();
  }
  const found = await page
    .locator('a[data-search-result]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  for (const href of filed) expect(found.map((f) => f.replace(/\/?$/, '/'))).toContain(href?.replace(/\/?$/, '/'));
});

test('a result never repeats its own excerpt as a section', async ({ page }) => {
  await page.goto('/search');
  for (const words of ['saddle-stitched lambskin pochette', 'receipt', 'patina']) {
    await searchFor(page, words);
    for (const result of await results(page).all()) {
      const main = (await result.locator('.search-result__excerpt').innerText()).trim();
      for (const section of await result.locator('.search-result__section-excerpt').allInnerTexts()) {
        expect(section.trim()).not.toBe(main);
      }
    }
  }
});

test.describe('the keyboard hint', () => {
  test.describe('on a phone', () => {
    test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    test('is not shown', async ({ page }) => {
      await page.goto('/search');
      await expect(page.getByRole('searchbox', { name: 'Words to look for' })).toBeVisible();
      await expect(page.getByText('to come back here')).toBeHidden();
    });
  });
  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('is not shown', async ({ page }) => {
      await page.goto('/search');
      await expect(page.getByText('Search needs JavaScript')).toBeVisible();
      await expect(page.getByText('to come back here')).toBeHidden();
    });
  });
  test('is shown on a desktop with JavaScript', async ({ page }) => {
    await page.goto('/search');
    await expect(page.getByText('to come back here')).toBeVisible();
  });
  test('is laid out before the search script runs, and the no-JavaScript notice is not', async ({ page }) => {
    // Unhiding them from the page script cost a second style and layout pass after the first paint,
    // so the head script's data-js decides: with the page script held back, the page looks the same.
    await page.route('**/_astro/*.js', (route) => route.abort());
    await page.goto('/search');
    await expect(page.locator('html')).toHaveAttribute('data-js', '');
    await expect(page.getByText('to come back here')).toBeVisible();
    await expect(page.getByText('Search needs JavaScript')).toBeHidden();
  });
});
