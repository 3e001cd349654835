import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConfig } from '../../../../src/server/config';
import { openDb, type Db } from '../../../../src/server/db';
import { hitRateLimit, pruneRateLimits } from '../../../../src/server/rate-limit';
import { rateRules } from '../../../../src/server/replies/service';

describe('hitRateLimit with the replies budgets', () => {
  let db: Db;
  const now = 1_800_000_030_000; // 30 s into a minute window

  beforeEach(async () => {
    db = await openDb({ sqliteFile: ':memory:' });
  });
  afterEach(async () => {
    await db.close();
    delete process.env.RATE_LIMIT_SCALE;
    resetConfig();
  });

  it('allows exactly the budget, then refuses with the seconds left in the window', async () => {
    const rule = rateRules.create;
    for (let i = 0; i < rule.limit; i++) expect((await hitRateLimit(db, rule, 'a', now)).ok).toBe(true);
    expect(await hitRateLimit(db, rule, 'a', now)).toEqual({ ok: false, retryAfterSeconds: 30 });
  });

  it('keeps clients and buckets apart, and a new window starts fresh', async () => {
    const rule = { bucket: 'replies.create', limit: 1, windowMs: 60_000 };
    expect((await hitRateLimit(db, rule, 'a', now)).ok).toBe(true);
    expect((await hitRateLimit(db, rule, 'a', now)).ok).toBe(false);
    expect((await hitRateLimit(db, rule, 'b', now)).ok).toBe(true);
    expect((await hitRateLimit(db, { ...rule, bucket: 'replies.vote' }, 'a', now)).ok).toBe(true);
    expect((await hitRateLimit(db, rule, 'a', now + 30_000)).ok).toBe(true);
  });

  it('scales every budget by RATE_LIMIT_SCALE', async () => {
    process.env.RATE_LIMIT_SCALE = '3';
    resetConfig();
    const rule = { bucket: 'x', limit: 1, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) expect((await hitRateLimit(db, rule, 'a', now)).ok).toBe(true);
    expect((await hitRateLimit(db, rule, 'a', now)).ok).toBe(false);
  });

  it('pruning forgets only the counters of windows older than the given age', async () => {
    const rule = { bucket: 'x', limit: 1, windowMs: 60_000 };
    const day = 24 * 60 * 60 * 1000;
    await hitRateLimit(db, rule, 'old', now - day - 60_000);
    await hitRateLimit(db, rule, 'recent', now - day + 60_000);
    await hitRateLimit(db, rule, 'now', now);
    expect(await pruneRateLimits(db, day, now)).toBe(1);
    expect(await pruneRateLimits(db, day, now)).toBe(0);
    // A pruned counter starts again; a kept one still counts.
    expect((await hitRateLimit(db, rule, 'old', now - day - 60_000)).ok).toBe(true);
    expect((await hitRateLimit(db, rule, 'recent', now - day + 60_000)).ok).toBe(false);
    expect(await pruneRateLimits(db, 60 * 60 * 1000, now)).toBe(2);
  });

  it('pruning keeps a day of counters unless told otherwise', async () => {
    const rule = { bucket: 'x', limit: 1, windowMs: 60_000 };
    await hitRateLimit(db, rule, 'a', now - 23 * 60 * 60 * 1000);
    await hitRateLimit(db, rule, 'b', now - 25 * 60 * 60 * 1000);
    expect(await pruneRateLimits(db, undefined, now)).toBe(1);
  });
});

describe('hitRateLimit, what is left', () => {
  it('counts down the requests left in the window', async () => {
    const db = await openDb({ sqliteFile: ':memory:' });
    try {
      const rule = { bucket: 'count-down', limit: 3, windowMs: 60_000 };
      const now = 1_800_000_000_000;
      expect(await hitRateLimit(db, rule, 'a', now)).toEqual({ ok: true, remaining: 2 });
      expect(await hitRateLimit(db, rule, 'a', now)).toEqual({ ok: true, remaining: 1 });
      expect(await hitRateLimit(db, rule, 'a', now)).toEqual({ ok: true, remaining: 0 });
      expect((await hitRateLimit(db, rule, 'a', now)).ok).toBe(false);
    } finally {
      await db.close();
    }
  });
});
