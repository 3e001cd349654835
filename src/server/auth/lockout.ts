import type { Db } from '../db';

/** Failures allowed before every further attempt must wait. */
export const FREE_FAILURES = 5;
/** First wait after the free failures; it doubles with each further failure… */
const BASE_DELAY_MS = 30 * 1000;
/** …up to this ceiling. */
const MAX_DELAY_MS = 60 * 60 * 1000;
/** A counter with no failure for this long starts again from zero. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** Throttle keys for one attempt: the account tried and the address it came from. */
export function throttleKeys(email: string, address: string): string[] {
  return [`account:${email.trim().toLowerCase()}`, `address:${address}`];
}

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES));
}

/** Seconds until any of the keys may try again; 0 when none is blocked. */
export async function loginWaitSeconds(db: Db, keys: readonly string[], now = Date.now()): Promise<number> {
  let wait = 0;
  for (const key of keys) {
    const row = await db.get<{ blocked_until: number }>(
      'SELECT blocked_until FROM login_failures WHERE throttle_key = ?',
      [key],
    );
    if (row && row.blocked_until > now) wait = Math.max(wait, Math.ceil((row.blocked_until - now) / 1000));
  }
  return wait;
}

/** Counts a failed sign-in against every key; from the fifth on, each failure lengthens the wait. */
export async function recordLoginFailure(db: Db, keys: readonly string[], now = Date.now()): Promise<void> {
  for (const key of keys) {
    // One atomic upsert, so simultaneous failures from several instances are all counted.
    const row = await db.get<{ failures: number }>(
      `INSERT INTO login_failures (throttle_key, failures, last_failure_at, blocked_until) VALUES (?, 1, ?, 0)
       ON CONFLICT (throttle_key) DO UPDATE SET
         failures = CASE WHEN login_failures.last_failure_at < ? THEN 1 ELSE login_failures.failures + 1 END,
         last_failure_at = excluded.last_failure_at
       RETURNING failures`,
      [key, now, now - FORGET_AFTER_MS],
    );
    const failures = row?.failures ?? 1;
    const delay = delayAfter(failures);
    if (delay > 0) {
      await db.run('UPDATE login_failures SET blocked_until = ? WHERE throttle_key = ? AND blocked_until < ?', [
        now + delay,
        key,
        now + delay,
      ]);
    }
  }
}

/** A successful sign-in clears the account's counter and the address's. */
export async function clearLoginFailures(db: Db, keys: readonly string[]): Promise<void> {
  for (const key of keys) await db.run('DELETE FROM login_failures WHERE throttle_key = ?', [key]);
}
