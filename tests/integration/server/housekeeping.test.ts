import { afterAll, expect, it } from 'vitest';
import { upsertEditor } from '../../../src/server/auth/editors';
import { FORGET_AFTER_MS, reserveLoginAttempt, throttleKeys } from '../../../src/server/auth/lockout';
import { createSession, SESSION_ABSOLUTE_MS } from '../../../src/server/auth/sessions';
import { HOUSEKEEPING_EVERY_MS, maybeRunHousekeeping, runHousekeeping } from '../../../src/server/housekeeping';
import { hitRateLimit } from '../../../src/server/rate-limit';
import type { Db } from '../../../src/server/db';
import { describeEachDb } from '../db-harness';

const count = async (db: Db, table: string) =>
  (await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0;

describeEachDb('housekeeping', (target) => {
  afterAll(() => target.cleanup());

  it('removes old rate-limit windows, forgotten sign-in counters and ended sessions, and keeps live ones', async () => {
    const db = await target.open();
    const day = 24 * 60 * 60 * 1000;
    const t0 = 1_800_000_000_000;
    const rule = { bucket: 'test', limit: 5, windowMs: 60_000 };
    await hitRateLimit(db, rule, 'old-client', t0);
    await hitRateLimit(db, rule, 'new-client', t0 + 2 * day);
    await reserveLoginAttempt(db, throttleKeys('a@example.com', '192.0.2.1'), t0);
    await reserveLoginAttempt(db, throttleKeys('b@example.com', '192.0.2.2'), t0 + 2 * day);
    const ed = await upsertEditor(db, {
      email: 'ed@example.com',
      displayName: 'Ed',
      password: 'a long enough password',
    });
    await createSession(db, ed.id, t0);
    await createSession(db, ed.id, t0 + 2 * day);

    const now = t0 + 2 * day + 1000;
    expect(now - t0).toBeGreaterThan(Math.max(FORGET_AFTER_MS, SESSION_ABSOLUTE_MS));
    const report = await runHousekeeping(db, now);
    expect(report).toEqual({ sessions: 1, rateLimits: 1, loginFailures: 3 });
    expect(await count(db, 'rate_limits')).toBe(1);
    expect(await count(db, 'login_failures')).toBe(3);
    expect(await count(db, 'editor_sessions')).toBe(1);
    // A second sweep (another instance, a cron run) finds nothing left and fails on nothing.
    expect(await runHousekeeping(db, now)).toEqual({ sessions: 0, rateLimits: 0, loginFailures: 0 });
  });

  it('the background timer sweeps at most once per interval', async () => {
    const db = await target.open();
    // The interval is per process: each database's run starts well after the previous one.
    const t = target.name === 'sqlite' ? 1_900_000_000_000 : 2_000_000_000_000;
    expect(await maybeRunHousekeeping(db, t)).toBeDefined();
    expect(await maybeRunHousekeeping(db, t + 1000)).toBeUndefined();
    expect(await maybeRunHousekeeping(db, t + HOUSEKEEPING_EVERY_MS)).toBeDefined();
  });
});
