import type { Db } from '../db';

/** Failures allowed from one address against one account before that pair must wait. */
export const FREE_FAILURES = 5;
/** Failures allowed from one address across all accounts (guessing many accounts at once). */
export const FREE_FAILURES_PER_ADDRESS = 20;
/**
 * Failures allowed against one account from everywhere (guessing from many addresses), and
 * from one signed-in-before browser. Browsers an editor signed in with are spared the
 * account-wide wait, so no stranger can keep an editor out of the desk.
 */
export const FREE_FAILURES_PER_ACCOUNT = 20;
/** First wait once a counter has used its free failures; it doubles with each further failure… */
const BASE_DELAY_MS = 30 * 1000;
/** …up to this ceiling. */
const MAX_DELAY_MS = 60 * 60 * 1000;
/** A counter with no failure for this long starts again from zero. */
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** One counter an attempt is charged to, with the failures it allows for free. */
export interface ThrottleKey {
  key: string;
  free: number;
}

/**
 * The counters a sign-in attempt is charged to. Every attempt counts against its
 * (account, address) pair. A browser that signed in to this account before (its device
 * id, from a signed cookie) counts against itself; any other browser counts against its
 * address and the whole account.
 */
export function throttleKeys(email: string, address: string, deviceId?: string): ThrottleKey[] {
  const account = email.trim().toLowerCase();
  const pair = { key: `pair:${account}\n${address}`, free: FREE_FAILURES };
  if (deviceId) return [pair, { key: `device:${deviceId}`, free: FREE_FAILURES_PER_ACCOUNT }];
  return [
    pair,
    { key: `address:${address}`, free: FREE_FAILURES_PER_ADDRESS },
    { key: `account:${account}`, free: FREE_FAILURES_PER_ACCOUNT },
  ];
}

/** The wait after `failures` failures on a counter that allows `free` of them. */
export function delayAfter(failures: number, free = FREE_FAILURES): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(20, failures - free));
}

/** Seconds until every key may try again; 0 when none is blocked. */
export async function loginWaitSeconds(db: Db, keys: readonly ThrottleKey[], now = Date.now()): Promise<number> {
  let wait = 0;
  for (const { key } of keys) {
    const row = await db.get<{ blocked_until: number }>(
      'SELECT blocked_until FROM login_failures WHERE throttle_key = ?',
      [key],
    );
    if (row && row.blocked_until > now) wait = Math.max(wait, Math.ceil((row.blocked_until - now) / 1000));
  }
  return wait;
}

export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

class Throttled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('throttled');
  }
}

/**
 * Charges an attempt to its counters before the password is checked, as if it had
 * failed; a success gives the charge back (`releaseLoginAttempt`). Counting and the
 * decision happen in one transaction that locks the counters, so simultaneous attempts,
 * from one server or several, can never check more passwords than the counters allow.
 */
export async function reserveLoginAttempt(
  db: Db,
  keys: readonly ThrottleKey[],
  now = Date.now(),
): Promise<Reservation> {
  // Always the same locking order, so two attempts sharing counters cannot deadlock.
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  try {
    await db.transaction(async (tx) => {
      for (const { key, free } of sorted) {
        const row = await tx.get<{ failures: number }>(
          `INSERT INTO login_failures (throttle_key, failures, last_failure_at, blocked_until) VALUES (?, 1, ?, 0)
           ON CONFLICT (throttle_key) DO UPDATE SET
             failures = CASE WHEN login_failures.last_failure_at < ? THEN 1 ELSE login_failures.failures + 1 END,
             last_failure_at = excluded.last_failure_at
           WHERE login_failures.blocked_until <= ?
           RETURNING failures`,
          [key, now, now - FORGET_AFTER_MS, now],
        );
        if (!row) {
          // Waiting: nothing of this attempt is kept (the transaction rolls back). The answer
          // is the longest wait of all the counters, not this one's: a client that obeys
          // Retry-After must not run straight into another counter's wait.
          throw new Throttled(await loginWaitSeconds(tx, sorted, now));
        }
        const delay = delayAfter(row.failures, free);
        if (delay > 0) {
          await tx.run('UPDATE login_failures SET blocked_until = ? WHERE throttle_key = ?', [now + delay, key]);
        }
      }
    });
  } catch (err) {
    if (err instanceof Throttled) return { ok: false, retryAfterSeconds: Math.max(1, err.retryAfterSeconds) };
    throw err;
  }
  return { ok: true };
}

/**
 * A successful sign-in: the pair's and the browser's counters start again, and the
 * charge on the shared counters (address, account) is given back.
 */
export async function releaseLoginAttempt(db: Db, keys: readonly ThrottleKey[]): Promise<void> {
  for (const { key, free } of keys) {
    if (key.startsWith('pair:') || key.startsWith('device:')) {
      await db.run('DELETE FROM login_failures WHERE throttle_key = ?', [key]);
    } else {
      await db.run(
        `UPDATE login_failures SET failures = failures - 1,
           blocked_until = CASE WHEN failures - 1 < ? THEN 0 ELSE blocked_until END
         WHERE throttle_key = ? AND failures > 0`,
        [free, key],
      );
    }
  }
}

/** Housekeeping: forgets counters that are neither blocking nor recent. */
export async function pruneLoginFailures(db: Db, now = Date.now()): Promise<number> {
  const r = await db.run('DELETE FROM login_failures WHERE last_failure_at < ? AND blocked_until < ?', [
    now - FORGET_AFTER_MS,
    now,
  ]);
  return r.changes;
}
