import { pruneLoginFailures } from './auth/lockout';
import { pruneSessions } from './auth/sessions';
import type { Db } from './db';
import { pruneRateLimits } from './rate-limit';

/** Rate-limit windows are an hour at most; a day's margin keeps every live counter. */
const RATE_LIMIT_KEEP_MS = 24 * 60 * 60 * 1000;
/** How often one process sweeps; the sweep scans whole tables, so not on every timer tick. */
export const HOUSEKEEPING_EVERY_MS = 10 * 60 * 1000;

export interface HousekeepingReport {
  sessions: number;
  rateLimits: number;
  loginFailures: number;
}

/**
 * Deletes what can no longer matter: ended sessions, rate-limit windows long over, and
 * sign-in counters neither blocking nor recent. Each is one DELETE by age, so several
 * instances (or a cron run) sweeping at once only find less to delete.
 */
export async function runHousekeeping(db: Db, now = Date.now()): Promise<HousekeepingReport> {
  return {
    sessions: await pruneSessions(db, now),
    rateLimits: await pruneRateLimits(db, RATE_LIMIT_KEEP_MS, now),
    loginFailures: await pruneLoginFailures(db, now),
  };
}

let lastRun = 0;

/** The background timer's call: sweeps at most once per HOUSEKEEPING_EVERY_MS in this process. */
export async function maybeRunHousekeeping(db: Db, now = Date.now()): Promise<HousekeepingReport | undefined> {
  if (now - lastRun < HOUSEKEEPING_EVERY_MS) return undefined;
  lastRun = now;
  return runHousekeeping(db, now);
}
