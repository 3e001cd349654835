import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Runs against the production build, whose Pagefind index covers the sample letters in content/letters.

const results = (page: Page) => page.locator('[data-search-results] > li');
const resultLinks = (page: Page) => page.locator('a[data-search-result]');
const status = (page: Page) => page.locator('[data-search-status]');

// The results list is aria-busy while a search runs; every check waits for the latest one to finish.
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[data-search-results]')).not.toHaveAttribute('aria-busy', 'true');
}

async function foundCount(page: Page): Promise<number> {
  await settled(page);
  await expect(status(page)).toHaveText(/letters? found|No letters found/);
  const match = /^(\d+) letters? found/.exec((await status(page).textContent()) ?? '');
  return match ? Number(match[1]) : 0;
}

// The facet counts need every filter chunk, which load only once the reader asks for the filters.
async function openFilters(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Filter by topic, brand or year' }).click();
  await expect(page.getByRole('group', { name: 'Filter results' }).getByRole('checkbox').first()).toBeVisible();
}

async function searchFor(page: Page, words: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Words to look for' }).fill(words);
  await page.getByRole('searchbox', { name: 'Words to look for' }).press('Enter');
  await expect(status(page)).toContainText(`for “${words}”`);
}

test('a distinctive phrase from one letter finds that letter first, with a highlighted excerpt', async ({ page }) => {
  await page.goto('/search');
  await searchFor(page, 'saddle-stitched lambskin pochette');
  const first = results(page).first();
  await expect(first.getByRole('link').first()).toHaveAttribute('href', /\/letters\/seams-coming-apart\/?$/);
  await expect(first.getByRole('heading', { level: 3 })).toContainText('coming apart at the seams');
  await expect(first.locator('mark').first()).toBeVisible();
  await expect(first.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
  const section = first.getByRole('list', { name: /^Matching sections/ }).getByRole('link', { name: 'The letter' });
  await expect(section).toHaveAttribute('href', /\/letters\/seams-coming-apart\/?#the-letter$/);
});

test('a word in a headline ranks that letter above letters that only mention it in the answer', async ({ page }) => {
  await page.goto('/search');
  for (const [word, slug] of [
    ['receipt', 'receipt-as-proof'],
    ['budget', 'first-bag-budget'],
  ] as const) {
    await searchFor(page, word);
    expect(await foundCount(page)).toBeGreaterThan(1);
    await expect(resultLinks(page).first()).toHaveAttribute('href', new RegExp(`/letters/${slug}/?$`));
    // The runner-up matches only inside its answer: none of its matching sections is the letter
    // (a section that would only repeat the result's own excerpt is left out of the list).
    const others = results(page)
      .nth(1)
      .getByRole('list', { name: /^Matching sections/ })
      .getByRole('link');
    await expect(results(page).nth(1)).toContainText(new RegExp(word, 'i'));
    for (const text of await others.allTextContents()) expect(text).toBe('The answer');
  }
});

test('the header search on any page leads to results on /search', async ({ page }) => {
  await page.goto('/');
  const header = page.locator('header').getByRole('searchbox');
  await header.fill('pochette');
  await header.press('Enter');
  await expect(page).toHaveURL(/\/search\/?\?q=pochette$/);
  expect(await foundCount(page)).toBeGreaterThan(0);
  await expect(page.getByRole('searchbox', { name: 'Words to look for' })).toHaveValue('pochette');
});

test('a topic filter narrows the results and its count agrees', async ({ page }) => {
  await page.goto('/search');
  await searchFor(page, 'bag');
  const total = await foundCount(page);
  await openFilters(page);
  const care = page.getByRole('checkbox', { name: /^Care & repair \(\d+\)$/ });
  const label = (await page.locator(`label[for="${(await care.getAttribute('id')) ?? ''}"]`).textContent()) ?? '';
  const expected = Number(/\((\d+)\)/.exec(label)?.[1]);
  expect(expected).toBeGreaterThan(0);
  expect(expected).toBeLessThan(total);

  await care.check();
  await expect(page).toHaveURL(/[?&]topic=Care(\+|%20)%26(\+|%20)repair/);
  await expect(status(page)).toContainText('with the chosen filters');
  expect(await foundCount(page)).toBe(expected);
  await expect(page.getByRole('checkbox', { name: `Care & repair (${String(expected)})` })).toBeChecked();
  await expect(results(page)).toHaveCount(Math.min(expected, 10));

  // Topics are alternatives: the others keep their counts, and choosing a second one widens the results.
  const second = page.getByRole('checkbox', { name: /^First bag \(\d+\)$/ });
  const secondLabel =
    (await page.locator(`label[for="${(await second.getAttribute('id')) ?? ''}"]`).textContent()) ?? '';
  const secondCount = Number(/\((\d+)\)/.exec(secondLabel)?.[1]);
  expect(secondCount).toBeGreaterThan(0);
  await second.check();
  const either = await foundCount(page);
  expect(either).toBeGreaterThanOrEqual(Math.max(expected, secondCount));
  expect(either).toBeLessThanOrEqual(expected + secondCount);
  await expect(page).toHaveURL(/topic=First(\+|%20)bag/);
});

test('query and filters round-trip through the URL, reload and the back button', async ({ page }) => {
  await page.goto('/search?q=leather&topic=Care+%26+repair');
  const input = page.getByRole('searchbox', { name: 'Words to look for' });
  await expect(input).toHaveValue('leather');
  const care = page.getByRole('checkbox', { name: /^Care & repair/ });
  await expect(care).toBeChecked();
  const filtered = await foundCount(page);

  await page.reload();
  await expect(input).toHaveValue('leather');
  await expect(page.getByRole('checkbox', { name: /^Care & repair/ })).toBeChecked();
  expect(await foundCount(page)).toBe(filtered);

  await page.getByRole('checkbox', { name: /^Care & repair/ }).uncheck();
  await expect(page).toHaveURL(/\/search\/?\?q=leather$/);
  await expect(status(page)).not.toContainText('with the chosen filters');
  const unfiltered = await foundCount(page);
  expect(unfiltered).toBeGreaterThan(filtered);

  await page.goBack();
  await expect(page).toHaveURL(/topic=Care/);
  await expect(page.getByRole('checkbox', { name: /^Care & repair/ })).toBeChecked();
  await expect(status(page)).toContainText('with the chosen filters');
  expect(await foundCount(page)).toBe(filtered);

  await page.goForward();
  await expect(page.getByRole('checkbox', { name: /^Care & repair/ })).not.toBeChecked();
  expect(await foundCount(page)).toBe(unfiltered);
});

test('results come ten at a time, with a button for the rest', async ({ page }) => {
  await page.goto('/search?q=leather');
  const total = await foundCount(page);
  expect(total).toBeGreaterThan(10);
  await expect(results(page)).toHaveCount(10);
  await page.getByRole('button', { name: 'Show more results' }).click();
  await expect(results(page)).toHaveCount(Math.min(total, 20));
  await expect(resultLinks(page).nth(10)).toBeFocused();
  if (total <= 20) await expect(page.getByRole('button', { name: 'Show more results' })).toBeHidden();
});

test('sorting by date orders the results newest first', async ({ page }) => {
  await page.goto('/search?q=bag');
  await foundCount(page);
  await page.getByLabel('Sort by').selectOption('newest');
  await expect(page).toHaveURL(/sort=newest/);
  await settled(page);
  await expect(results(page).first().locator('time')).toBeVisible();
  const dates = await results(page)
    .locator('time')
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')));
  expect(dates.length).toBeGreaterThan(1);
  expect(dates).toEqual([...dates].sort().reverse());
});

test('text from the header navigation and the footer is never a result', async ({ page }) => {
  await page.goto('/');
  const chrome = [
    ...(await page.locator('header nav a').allTextContents()),
    ...(await page.locator('footer a').allTextContents()),
    (await page.locator('footer p').first().textContent()) ?? '',
  ]
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter((text) => text.length > 0);
  expect(chrome).toEqual(expect.arrayContaining(['Archive', 'Sitemap', 'RSS feed']));

  await page.goto('/search');
  for (const words of chrome) {
    await searchFor(page, words);
    await foundCount(page);
    // Pagefind matches similar words too, so a result may appear: it must come from a letter's own text.
    const hrefs = await resultLinks(page).evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.every((href) => href?.startsWith('/letters/'))).toBe(true);
    const excerpts = (await results(page).locator('.search-result__excerpt').allTextContents()).join(' ');
    expect(excerpts.toLowerCase()).not.toContain(words.toLowerCase());
  }
});

test('a search with no results suggests topics', async ({ page }) => {
  await page.goto('/search?q=qwxzv');
  await expect(status(page)).toHaveText('No letters found for “qwxzv”.');
  await expect(results(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Browse by topic' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Care & repair' })).toHaveAttribute('href', '/topics/care-repair/');
});

test('keyboard: / focuses search, arrows walk the results, Enter opens, Esc clears', async ({ page }) => {
  await page.goto('/search');
  await page.locator('h1').click();
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Words to look for' });
  await expect(input).toBeFocused();
  await page.keyboard.type('leather');
  expect(await foundCount(page)).toBeGreaterThan(1);

  await page.keyboard.press('ArrowDown');
  await expect(resultLinks(page).nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(resultLinks(page).nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(resultLinks(page).nth(0)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(input).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(input).toHaveValue('');
  await expect(results(page)).toHaveCount(0);
  await expect(page).toHaveURL(/\/search\/?$/);

  await page.keyboard.type('pochette');
  expect(await foundCount(page)).toBeGreaterThan(0);
  await page.keyboard.press('ArrowDown');
  const href = await resultLinks(page).first().getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href ?? 'missing'}$`));
});

test('Pagefind loads only once the reader searches, and a one-word query fetches only what it shows', async ({
  page,
}, testInfo) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/search');
  await expect(page.getByRole('heading', { name: 'Browse by topic' })).toBeVisible();
  expect(requested.filter((url) => url.includes('/pagefind/'))).toEqual([]);
  // Fonts the page itself asked for have all been requested once its fonts settle.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  const fontsBeforeQuery = requested.filter((url) => url.endsWith('.woff2')).length;

  const sizes: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    sizes.push(
      (async () => {
        const size = await request.sizes();
        // Chromium reports no body size for a worker's script, so fall back to the declared length.
        const declared = Number((await request.response())?.headers()['content-length'] ?? 0);
        return { url: request.url(), bytes: Math.max(size.responseBodySize, declared) + size.responseHeadersSize };
      })(),
    );
  });
  await page.getByRole('searchbox', { name: 'Words to look for' }).fill('leather');
  expect(await foundCount(page)).toBeGreaterThan(0);
  await page.waitForLoadState('networkidle');
  expect(requested.some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
  // A word that found letters needs no "Did you mean", so the site's vocabulary stays on the server.
  expect(requested.filter((url) => url.endsWith('/search-vocabulary.json'))).toEqual([]);
  // Results are set in faces the page already uses: the query itself fetches no font.
  expect(requested.filter((url) => url.endsWith('.woff2')).slice(fontsBeforeQuery)).toEqual([]);
  // One fragment per result shown, and no filter chunks until the reader asks for the filters.
  const fragments = requested.filter((url) => url.includes('/pagefind/fragment/'));
  expect(fragments).toHaveLength(await results(page).count());
  expect(requested.filter((url) => url.includes('/pagefind/filter/'))).toEqual([]);
  await expect(page.getByRole('group', { name: 'Filter results' }).getByRole('checkbox')).toHaveCount(0);
  const transfers = await Promise.all(sizes);
  const searchTransfers = transfers.filter((transfer) => new URL(transfer.url).pathname.startsWith('/pagefind/'));
  const searchBytes = searchTransfers.reduce((sum, transfer) => sum + transfer.bytes, 0);
  const allBytes = transfers.reduce((sum, transfer) => sum + transfer.bytes, 0);
  const report = `${String(searchTransfers.length)} index responses, ${String(searchBytes)} bytes (${String(transfers.length)} responses, ${String(allBytes)} bytes with fonts)`;
  testInfo.annotations.push({ type: 'one-word query', description: report });
  console.log(`one-word query "leather": ${report}`);
  // A generous ceiling, far above today's size: it catches a change that loads the whole index at once.
  expect(searchBytes).toBeLessThan(400_000);

  await openFilters(page);
  expect(requested.filter((url) => url.includes('/pagefind/filter/')).length).toBeGreaterThan(0);
  const facetGroup = page.getByRole('group', { name: 'Filter results' });
  await expect(facetGroup.getByRole('checkbox', { name: /\(\d+\)$/ }).first()).toBeVisible();
  expect(requested.filter((url) => url.includes('/pagefind/fragment/'))).toEqual(fragments);
});

test('a letter page loads no script files; / focuses the header search, which leads to results', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto('/letters/seams-coming-apart/');
  const header = page.locator('header').getByRole('searchbox');
  await expect(header).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts).toEqual([]);

  await page.locator('h1').click();
  await page.keyboard.press('/');
  await expect(header).toBeFocused();
  await page.keyboard.type('pochette');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\/?\?q=pochette$/);
  expect(await foundCount(page)).toBeGreaterThan(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search page says search needs JavaScript and links to the archive and topics', async ({ page }) => {
    await page.goto('/search?q=pochette');
    const notice = page.locator('[data-search-nojs]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Search needs JavaScript');
    await expect(notice.getByRole('link', { name: 'archive' })).toHaveAttribute('href', '/archive/');
    await expect(notice.getByRole('link', { name: 'topics' })).toHaveAttribute('href', '/topics/');
    await expect(page.getByRole('link', { name: 'Care & repair' })).toHaveAttribute('href', '/topics/care-repair/');
  });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations on /search with results showing (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/search?q=leather');
    expect(await foundCount(page)).toBeGreaterThan(0);
    await openFilters(page);
    const scan = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(scan.violations).toEqual([]);
  });
}
