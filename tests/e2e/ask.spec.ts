import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';

// The server enforces the real 3-second minimum fill time, so each post first waits for
// the form to be old enough: a wait, not an assertion.
const FILL_WAIT_MS = 3_200;
const port = Number(process.env.E2E_PORT ?? 4399);
// Where playwright.config.ts points the server's SQLite file (overridable for runs that keep it elsewhere).
const dataFile = process.env.E2E_SQLITE_PATH ?? `.e2e-data/e2e-${String(port)}.sqlite`;

test.describe.configure({ mode: 'serial' });

/** Close to the sample letter "My sales associate has left the boutique". */
const SA_QUESTION =
  'My sales associate left the boutique last month without a goodbye. She knew my taste and had promised to look for a Kelly for me. Will a new associate at the boutique see my purchase history, or do I have to start over from nothing?';
const OTHER_QUESTION =
  'I keep my handbags in dust bags inside a wardrobe, but the room gets humid in summer. Should I worry about mould on the leather, and is there anything I should do differently to store them safely while I travel for two months?';

let statusPath = '';

async function axe(page: Page) {
  const scan = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(scan.violations).toEqual([]);
}

/** The form hydrates once it scrolls into view (client:visible), as it would for a reader going down the page. */
async function hydrated(page: Page) {
  const island = page.locator('astro-island:has(form.ask-form)');
  await island.scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr');
}

async function fillQuestion(page: Page, pseudonym: string, body: string) {
  await page.getByLabel('Sign your letter as').fill(pseudonym);
  await page.getByLabel('Email (optional)').fill('reader@example.com');
  await page.getByLabel('Topic').selectOption({ label: 'Store relationships' });
  await page.getByLabel('Your question').fill(body);
  await page.getByLabel('PurseBop may publish an edited version of my letter').check();
}

/** The question:state script, run the way a person would run it, against the e2e server's database. */
function setState(token: string, state: string, slug?: string) {
  // Playwright empties test-results/ when a run starts, so a second run started meanwhile takes the server's file away.
  if (!existsSync(dataFile)) throw new Error(`${dataFile} is gone: did another Playwright run clean test-results/?`);
  execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/set-question-state.ts', token, state, ...(slug ? [slug] : [])],
    { env: { ...process.env, SQLITE_PATH: dataFile, DATABASE_URL: '' }, stdio: 'pipe' },
  );
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('errors come back next to their fields with the text kept', async ({ page }) => {
    await page.goto('/ask');
    await page.getByLabel('Sign your letter as').fill('X');
    await page.getByLabel('Your question').fill('Too short to be a question.');
    await page.getByRole('button', { name: 'Send my question' }).click();
    await expect(page).toHaveURL(/\/ask\/?\?_action=questions\.submit/);
    await expect(page.locator('#ask-pseudonym-error')).toHaveText('Please use at least 2 characters.');
    await expect(page.locator('#ask-body-error')).toContainText('please write at least 30');
    await expect(page.locator('#ask-topic-error')).toBeVisible();
    await expect(page.locator('#ask-consent-error')).toBeVisible();
    await expect(page.locator('#ask-email-error')).toHaveCount(0);
    await expect(page.getByLabel('Sign your letter as')).toHaveValue('X');
    await expect(page.getByLabel('Your question')).toHaveValue('Too short to be a question.');
    await expect(page.getByLabel('Sign your letter as')).toHaveAttribute('aria-invalid', 'true');
  });

  test('a plain post is answered with a 303 to the confirmation and its private link', async ({ page }) => {
    await page.goto('/ask');
    await fillQuestion(page, 'Orphaned Too', SA_QUESTION);
    await page.waitForTimeout(FILL_WAIT_MS);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Send my question' }).click(),
    ]);
    expect(response.status()).toBe(303);
    await expect(page).toHaveURL(/\/ask\/sent\?token=[A-Za-z0-9_-]{32}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you, Orphaned Too');
    const link = page.locator('.ask-private-link a');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/\/ask\/status\/[A-Za-z0-9_-]{32}$/);
    statusPath = new URL(href).pathname;
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  });

  test('the same text from the same address is refused', async ({ page }) => {
    await page.goto('/ask');
    await fillQuestion(page, 'Orphaned Too', SA_QUESTION);
    await page.waitForTimeout(FILL_WAIT_MS);
    await page.getByRole('button', { name: 'Send my question' }).click();
    await expect(page.locator('#ask-body-error')).toContainText('already sent us this exact question');
  });
});

test.describe('with JavaScript', () => {
  test('inline errors, live word count, and a send without reloading the form', async ({ page }) => {
    await page.goto('/ask');
    await hydrated(page);
    const pseudonym = page.getByLabel('Sign your letter as');
    await pseudonym.fill('Q');
    await pseudonym.blur();
    await expect(page.locator('#ask-pseudonym-error')).toHaveText('Please use at least 2 characters.');
    await pseudonym.fill('Quietly Hopeful');
    await expect(page.locator('#ask-pseudonym-error')).toHaveCount(0);

    const body = page.getByLabel('Your question');
    await body.fill('one two three');
    await expect(page.locator('.ask-count')).toHaveText('3 words');
    await body.fill(OTHER_QUESTION);
    await expect(page.locator('.ask-count')).toHaveText('43 words');

    await page.getByRole('button', { name: 'Send my question' }).click();
    await expect(page.locator('#ask-topic-error')).toHaveText('Please choose a topic.');
    await expect(page.locator('#ask-consent-error')).toBeVisible();
    await expect(page.getByLabel('Topic')).toBeFocused();
    await axe(page);

    await page.getByLabel('Topic').selectOption({ label: 'Care & repair' });
    await page.getByLabel('PurseBop may publish an edited version of my letter').check();
    await page.waitForTimeout(FILL_WAIT_MS);
    await page.getByRole('button', { name: 'Send my question' }).click();
    await expect(page).toHaveURL(/\/ask\/sent\?token=[A-Za-z0-9_-]{32}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you, Quietly Hopeful');
  });

  test('one press of the button straight from a field shows every problem', async ({ page }) => {
    // A tall window keeps the button on screen, where a message appearing above it would move it mid-click.
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto('/ask');
    await hydrated(page);
    await page.getByLabel('Your question').fill('My associate left the boutique and I wonder about my history there.');
    await page.getByLabel('Sign your letter as').fill('Q');
    await page.getByRole('button', { name: 'Send my question' }).click();
    for (const field of ['pseudonym', 'topic', 'body', 'consent']) {
      await expect(page.locator(`#ask-${field}-error`)).toBeVisible();
    }
    await expect(page.getByLabel('Sign your letter as')).toBeFocused();
    await expect(page).toHaveURL(/\/ask\/?$/);
  });

  test('letters on a similar subject are suggested while typing', async ({ page }) => {
    await page.goto('/ask');
    await hydrated(page);
    const body = page.getByLabel('Your question');
    await body.fill('My sales associate left');
    await body.pressSequentially(' the boutique last month.');
    const suggestions = page.getByRole('region', { name: 'Already answered?' });
    await expect(suggestions).toBeVisible();
    const links = suggestions.getByRole('link');
    expect(await links.count()).toBeLessThanOrEqual(3);
    await expect(suggestions.getByRole('link', { name: /My sales associate has left the boutique/ })).toHaveAttribute(
      'href',
      /\/letters\/my-sa-left\/?$/,
    );
    await axe(page);
  });
});

test.describe('at 375 px', () => {
  test.use({ viewport: { width: 375, height: 740 } });
  test('the form loads its script only once it scrolls into view', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto('/ask', { waitUntil: 'networkidle' });
    await expect(page.getByRole('heading', { level: 1, name: 'Ask PurseBop' })).toBeVisible();
    expect(scripts).toEqual([]);
    await hydrated(page);
    expect(scripts.length).toBeGreaterThan(0);
  });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations on /ask (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/ask');
    await hydrated(page);
    await axe(page);
  });
}

test.describe('the private status page', () => {
  test('moves from received to answered with a link to the letter', async ({ page }) => {
    expect(statusPath).not.toBe('');
    const token = statusPath.split('/').pop() ?? '';
    await page.goto(`/ask/sent?token=${token}`);
    await expect(page.locator('.ask-private-link a')).toHaveAttribute('href', new RegExp(`${statusPath}$`));
    await axe(page);

    await page.goto(statusPath);
    await expect(page.locator('.ask-status-label')).toHaveText('Received');
    await expect(page.locator('.ask-letter-copy')).toContainText(SA_QUESTION);
    await expect(page.locator('.ask-letter-copy')).toContainText('— Orphaned Too');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await axe(page);

    setState(token, 'shortlisted');
    await page.reload();
    await expect(page.locator('.ask-status-label')).toHaveText('Shortlisted');

    setState(token, 'answered', 'my-sa-left');
    await page.reload();
    await expect(page.locator('.ask-status-label')).toHaveText('Answered');
    const letterLink = page.getByRole('link', { name: /Read your letter/ });
    await expect(letterLink).toHaveAttribute('href', '/letters/my-sa-left/');
    await expect(page.getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveCount(3);
    await axe(page);
    await letterLink.click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('My sales associate has left the boutique');
  });

  test('wrong and malformed links get a clear 404, never an error page', async ({ page }) => {
    for (const path of [
      '/ask/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '/ask/status/not-a-token',
      '/ask/status/%E2%80%A6',
      '/ask/sent',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('We can’t find that question');
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    }
  });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request from another loopback address (127.0.0.2 unless told), so the flood below
 * spends that address's budget and never the one the browser tests (and other specs) share.
 */
function fromOtherAddress(path: string, form?: Record<string, string>, address = '127.0.0.2'): Promise<RawResponse> {
  const payload = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        localAddress: address,
        method: payload ? 'POST' : 'GET',
        headers: payload
          ? {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(payload),
              origin: `http://127.0.0.1:${String(port)}`,
            }
          : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

test('a flood from one address gets a clear 429 with Retry-After on the plain form post', async ({ page }) => {
  // A stamp posts once, so every post carries its own, all fetched before the fill-time wait.
  const stampFrom = async (address?: string) => {
    const form = await fromOtherAddress('/ask', undefined, address);
    const stamp = /name="stamp" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    expect(stamp).not.toBe('');
    return stamp;
  };
  const stamps: string[] = [];
  // Bounded so a raised RATE_LIMIT_SCALE still reaches the limit; normally the sixth post is refused.
  for (let i = 0; i < 30; i++) stamps.push(await stampFrom());
  const neighbourStamp = await stampFrom('127.0.0.3');
  await page.waitForTimeout(FILL_WAIT_MS);
  let last: RawResponse | undefined;
  for (let i = 0; i < stamps.length && last?.status !== 429; i++) {
    last = await fromOtherAddress('/ask?_action=questions.submit', {
      pseudonym: 'Flood Gate',
      topic: 'first-bag',
      body: `${OTHER_QUESTION} Variant number ${String(i)}.`,
      consent: 'on',
      website: '',
      stamp: stamps[i] ?? '',
    });
    expect([303, 429]).toContain(last.status);
  }
  expect(last?.status).toBe(429);
  expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
  expect(last?.body).toContain('You have sent several questions in a short time');
  // Everyone else still gets through.
  const neighbour = await fromOtherAddress(
    '/ask?_action=questions.submit',
    {
      pseudonym: 'Next Door',
      topic: 'first-bag',
      body: `${OTHER_QUESTION} From next door.`,
      consent: 'on',
      stamp: neighbourStamp,
    },
    '127.0.0.3',
  );
  expect(neighbour.status).toBe(303);
  expect(neighbour.headers.location).toMatch(/^\/ask\/sent\?token=/);
});
