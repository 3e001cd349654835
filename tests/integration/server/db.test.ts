import { afterAll, expect, it } from 'vitest';
import { migrate } from '../../../src/server/db/migrate';
import { migrations } from '../../../src/server/db/migrations';
import { hitRateLimit } from '../../../src/server/rate-limit';
import { describeEachDb } from '../db-harness';

describeEachDb('database layer', (target) => {
  afterAll(() => target.cleanup());

  it('applies migrations once and records them', async () => {
    const db = await target.open();
    expect(await migrate(db, migrations)).toEqual([]);
    const rows = await db.all<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
  });

  it('rolls a failed transaction back and keeps later writes', async () => {
    const db = await target.open();
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['a', '1']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['b', '2']);
    const keys = await db.all<{ key: string }>('SELECT key FROM settings ORDER BY key');
    expect(keys.map((k) => k.key)).toEqual(['b']);
  });

  it('counts rate-limit hits per client and refuses past the limit', async () => {
    const db = await target.open();
    const rule = { bucket: 'test', limit: 2, windowMs: 60_000 };
    const now = 1_200_000_020_000;
    expect((await hitRateLimit(db, rule, 'a', now)).ok).toBe(true);
    expect((await hitRateLimit(db, rule, 'a', now)).ok).toBe(true);
    const third = await hitRateLimit(db, rule, 'a', now);
    expect(third).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect((await hitRateLimit(db, rule, 'b', now)).ok).toBe(true);
  });
});
