import { config } from './config';
import type { Db } from './db';

/** A fixed-window budget: at most `limit` hits per `windowMs` for one client in one bucket. */
export interface RateRule {
  /** Name of the budget, e.g. "replies.create". */
  bucket: string;
  /** Hits allowed per window (multiplied by RATE_LIMIT_SCALE). */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

export type RateVerdict = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one hit for `clientKey`. Counters live in the database so every server
 * instance shares them; a client over its budget is refused without affecting others.
 */
export async function hitRateLimit(db: Db, rule: RateRule, clientKey: string, now = Date.now()): Promise<RateVerdict> {
  const windowStart = now - (now % rule.windowMs);
  const row = await db.get<{ hits: number }>(
    `INSERT INTO rate_limits (bucket, client_key, window_start, hits) VALUES (?, ?, ?, 1)
     ON CONFLICT (bucket, client_key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
     RETURNING hits`,
    [rule.bucket, clientKey, windowStart],
    // A counter lost in a crash only forgives a few requests; not worth an fsync per hit.
    { durable: false },
  );
  const hits = row?.hits ?? 1;
  const limit = Math.max(1, Math.floor(rule.limit * config().RATE_LIMIT_SCALE));
  if (hits > limit) {
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + rule.windowMs - now) / 1000)) };
  }
  return { ok: true, remaining: limit - hits };
}

/** Drops counters from windows that ended long ago; cheap enough to call now and then. */
export async function pruneRateLimits(db: Db, olderThanMs = 24 * 60 * 60 * 1000, now = Date.now()): Promise<number> {
  const r = await db.run('DELETE FROM rate_limits WHERE window_start < ?', [now - olderThanMs]);
  return r.changes;
}
