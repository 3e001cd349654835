import { expect, test } from '@playwright/test';
import { letterFiles, publishedSlugs, withheldSlugs } from './site-helpers';

// Runs against the production build: E2E_PORT=4310 ASTRO_OUT_DIR=dist-site npx playwright test tests/e2e/site.spec.ts

const [firstSlug = ''] = publishedSlugs();

test('home → letter → topic → archive by following links', async ({ page }) => {
  await page.goto('/');
  const featured = page.getByRole('region', { name: 'Featured letter' }).getByRole('link').first();
  const headline = (await featured.textContent())?.trim() ?? '';
  await featured.click();
  await expect(page).toHaveURL(/\/letters\/[a-z0-9-]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);

  const topic = page.getByRole('region', { name: 'Topics' }).getByRole('link').first();
  const topicName = (await topic.textContent())?.trim() ?? '';
  await topic.click();
  await expect(page).toHaveURL(/\/topics\/[a-z0-9-]+\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(topicName);
  await expect(page.getByRole('link', { name: headline })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Archive' }).click();
  await expect(page).toHaveURL(/\/archive\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archive');
  await expect(page.getByRole('link', { name: headline })).toBeVisible();
});

test('every published letter has a page and drafts or future letters do not', async ({ request }) => {
  for (const slug of publishedSlugs()) expect((await request.get(`/letters/${slug}/`)).status(), slug).toBe(200);
  for (const slug of withheldSlugs()) expect((await request.get(`/letters/${slug}/`)).status(), slug).toBe(404);
});

test('the letter page shows the whole exchange in order', async ({ page }) => {
  await page.goto(`/letters/${firstSlug}/`);
  const article = page.locator('article');
  await expect(article.locator('.series')).toHaveText('Dear PurseBop');
  const letter = article.getByRole('region', { name: 'The letter' });
  await expect(letter.locator('p').first()).toHaveText('Dear PurseBop,');
  const signOff = (await letter.locator('p').last().textContent()) ?? '';
  expect(signOff).toMatch(/^— \S/);
  const answer = article.getByRole('region', { name: 'The answer' });
  await expect(answer.locator('.salutation')).toHaveText(`Dear ${signOff.slice(2)}:`);
  await expect(article.getByRole('link', { name: 'Have a question? Ask PurseBop' })).toHaveAttribute('href', '/ask/');
  const share = article.getByRole('region', { name: 'Share this letter' }).getByRole('link');
  await expect(share).toHaveCount(4);
  await expect(page.locator('#replies')).toHaveAttribute('data-pagefind-ignore', '');
});

test('skip link and keyboard focus', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await expect(page.locator('main')).toBeFocused();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveCount(1);
  expect(await focused.evaluate((el) => el.closest('main') !== null)).toBe(true);
  expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });
  test('a letter is fully readable and the theme toggle stays out of the way', async ({ page }) => {
    await page.goto(`/letters/${firstSlug}/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'The letter' })).toContainText('Dear PurseBop,');
    await expect(page.getByRole('region', { name: 'The answer' }).locator('.signature')).toBeVisible();
    await expect(page.locator('#theme-toggle')).toBeHidden();
    await expect(page.getByRole('search').first()).toBeVisible();
  });
});

test('a letter page requests no script files before the replies are reached', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (req) => {
    if (req.resourceType() === 'script' || new URL(req.url()).pathname.endsWith('.js')) scripts.push(req.url());
  });
  await page.goto(`/letters/${firstSlug}/`, { waitUntil: 'networkidle' });
  expect(scripts).toEqual([]);
  const themeScript = await page
    .locator('head script:not([type])')
    .first()
    .evaluate((el) => el.textContent);
  expect(themeScript).toContain('theme-toggle');
  expect(new TextEncoder().encode(themeScript).length).toBeLessThan(1000);
  expect(await page.locator('script[src], script[type="module"]').count()).toBe(0);
});

test('the theme follows the system, and the toggle choice persists', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.goto(`/letters/${firstSlug}/`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(251, 248, 243)');
});

test('the theme toggle is shown by the head script, not revealed after the page is parsed', async ({ page }) => {
  // The toggle must be in the first layout: unhiding it at DOMContentLoaded cost a second style and
  // layout pass after the first paint. So it shows while its hidden attribute is still there.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-js', '');
  await page.locator('#theme-toggle').evaluate((el) => {
    el.setAttribute('hidden', '');
  });
  await expect(page.getByRole('button', { name: 'Dark theme' })).toBeVisible();
});

test('remark-gfm output: a footnote section and a table appear in built letters', async ({ request }) => {
  const pages = await Promise.all(
    publishedSlugs().map(async (slug) => (await request.get(`/letters/${slug}/`)).text()),
  );
  expect(pages.some((html) => html.includes('<section data-footnotes class="footnotes">'))).toBe(true);
  expect(pages.some((html) => /<table[\s>][\s\S]*<th[\s>]/.test(html))).toBe(true);
});

test('search attributes: only the letter article is indexed, with weights, meta and filters', async ({ page }) => {
  await page.goto(`/letters/${firstSlug}/`);
  await expect(page.locator('[data-pagefind-body]')).toHaveCount(1);
  await expect(page.locator('article [data-pagefind-body] h1')).toHaveAttribute('data-pagefind-weight', '10');
  await expect(page.locator('h1')).toHaveAttribute('data-pagefind-meta', 'title');
  await expect(page.locator('[data-pagefind-body] .summary')).toHaveAttribute('data-pagefind-weight', '5');
  await expect(page.locator('[data-pagefind-meta="date"]')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.locator('[data-pagefind-sort^="date:"]')).toHaveCount(1);
  for (const filter of ['topic', 'year', 'columnist'])
    expect(await page.locator(`[data-pagefind-filter="${filter}"]`).count()).toBeGreaterThan(0);
  await expect(page.locator('header.site-header [data-pagefind-body], footer [data-pagefind-body]')).toHaveCount(0);
  for (const path of ['/', '/archive/', '/topics/'])
    await expect(async () => {
      await page.goto(path);
      await expect(page.locator('[data-pagefind-body]')).toHaveCount(0);
    }).toPass();
});

test('SEO: canonical, Open Graph, Twitter card and Article JSON-LD; the preview image exists', async ({
  page,
  request,
}) => {
  await page.goto(`/letters/${firstSlug}/`);
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(canonical).toMatch(new RegExp(`/letters/${firstSlug}/$`));
  const ogImage = (await page.locator('meta[property="og:image"]').getAttribute('content')) ?? '';
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as Record<
    string,
    unknown
  >;
  expect(ld).toMatchObject({ '@context': 'https://schema.org', '@type': 'Article' });
  for (const key of ['headline', 'description', 'datePublished', 'dateModified', 'author', 'publisher', 'image'])
    expect(ld[key], key).toBeTruthy();
  const png = await request.get(new URL(ogImage).pathname);
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toContain('image/png');
});

test('feeds, robots.txt and the 404 page', async ({ page, request }) => {
  const feed = await (await request.get('/rss.xml')).text();
  expect(feed).toContain('<rss');
  expect(feed).toContain(`/letters/${firstSlug}/`);
  const topicFeed = await request.get('/topics/care-repair/rss.xml');
  expect(topicFeed.status()).toBe(200);
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/^Sitemap: https?:\/\/.+\/sitemap-index\.xml$/m);
  const missing = await page.goto('/letters/no-such-letter/');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that page");
  await expect(page.getByRole('main').getByRole('search')).toBeVisible();
});

test('a follow-up post and its original link to each other', async ({ page }) => {
  const published = new Set(publishedSlugs());
  const followUp = letterFiles().find((l) => l.followUpTo && published.has(l.slug) && published.has(l.followUpTo));
  test.skip(!followUp, 'the sample content has no published follow-up post');
  if (!followUp) return;
  await page.goto(`/letters/${followUp.slug}/`);
  await expect(page.locator('.thread').first()).toContainText('This is a follow-up to');
  await page.locator('.thread a').first().click();
  await expect(page).toHaveURL(new RegExp(`/letters/${followUp.followUpTo}/$`));
  const back = page.getByRole('region', { name: 'Follow-ups to this letter' }).getByRole('link');
  await expect(back).toHaveAttribute('href', `/letters/${followUp.slug}/`);
});

test.describe('at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('no page scrolls sideways', async ({ page }) => {
    const year =
      letterFiles()
        .find((l) => l.slug === firstSlug)
        ?.pubDate.slice(0, 4) ?? '';
    const letters = publishedSlugs().map((slug) => `/letters/${slug}/`);
    for (const path of ['/', ...letters, '/archive/', `/archive/${year}/`, '/topics/', '/columnists/']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
