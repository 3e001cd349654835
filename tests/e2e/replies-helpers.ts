import { expect, type Page } from '@playwright/test';
import { openDb } from '../../src/server/db';
import { setReplyStatus } from '../../src/server/replies/repository';

// The e2e server runs with the default hold-first policy and the real 3-second minimum fill
// time, so each post first waits for the form to be old enough: a wait, not an assertion.
export const FILL_WAIT_MS = 3_200;
const port = Number(process.env.E2E_PORT ?? 4399);
/** The SQLite file the e2e server writes to (playwright.config.ts sets it). */
export const dataFile = process.env.E2E_SQLITE_PATH ?? `.e2e-data/e2e-${String(port)}.sqlite`;

/** A moderator's approval, done the way the desk does it: through the repository. */
export async function approve(id: number): Promise<void> {
  const db = await openDb({ sqliteFile: dataFile });
  try {
    expect(await setReplyStatus(db, id, 'published')).toBe(true);
  } finally {
    await db.close();
  }
}

/** Opens a letter page and waits until its replies island is hydrated and has loaded the thread. */
export async function openReplies(page: Page, letterPath: string): Promise<void> {
  await page.goto(letterPath);
  await page.locator('#replies').scrollIntoViewIfNeeded();
  await expect(page.locator('#replies astro-island')).not.toHaveAttribute('ssr');
  await expect(page.locator('.replies-count')).toBeVisible();
}
