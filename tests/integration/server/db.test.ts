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

describeEachDb('writes under concurrency', (target) => {
  afterAll(() => target.cleanup());

  it('acknowledges every concurrent durable insert only once it is readable', async () => {
    const db = await target.open();
    const keys = Array.from({ length: 60 }, (_, i) => `k${String(i)}`);
    const acks = await Promise.all(
      keys.map(async (k) => {
        await db.run('INSERT INTO settings (key, value) VALUES (?, ?)', [k, 'v']);
        return (await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [k]))?.value;
      }),
    );
    expect(acks).toEqual(keys.map(() => 'v'));
    const n = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM settings');
    expect(Number(n?.n)).toBe(60);
  });

  it('fails only the statement that breaks a constraint, not its neighbours', async () => {
    const db = await target.open();
    await db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['taken', '1']);
    const results = await Promise.allSettled([
      db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['a', '1']),
      db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['taken', '2']),
      db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['b', '1']),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const keys = await db.all<{ key: string; value: string }>('SELECT key, value FROM settings ORDER BY key');
    expect(keys).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '1' },
      { key: 'taken', value: '1' },
    ]);
  });

  it('keeps writes made while a transaction is open out of its rollback', async () => {
    const db = await target.open();
    let outside: Promise<unknown> = Promise.resolve();
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['inside', '1']);
        outside = db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['outside', '1']);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    await outside;
    const keys = await db.all<{ key: string }>('SELECT key FROM settings ORDER BY key');
    expect(keys.map((k) => k.key)).toEqual(['outside']);
  });

  it('never starts a write batch inside a transaction that began while the write waited its turn', async () => {
    const db = await target.open();
    const insert = (key: string) => ['INSERT INTO settings (key, value) VALUES (?, ?)', [key, '1']] as const;
    const held = (key: string) =>
      db.transaction(async (tx) => {
        await tx.run(...insert(key));
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
    // A transaction waiting ahead of a plain write: when the first transaction ends, the waiting
    // transaction begins first, and the write must wait for it rather than open a batch inside it.
    const settled = await Promise.allSettled([
      held('first'),
      held('second'),
      db.run(...insert('plain')),
      held('third'),
      db.run(...insert('plain-2')),
    ]);
    expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual(Array(5).fill('ok'));
    const keys = await db.all<{ key: string }>('SELECT key FROM settings ORDER BY key');
    expect(keys.map((k) => k.key)).toEqual(['first', 'plain', 'plain-2', 'second', 'third']);
  });

  it('commits a non-durable write all the same', async () => {
    const db = await target.open();
    await db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['relaxed', '1'], { durable: false });
    await db.run('INSERT INTO settings (key, value) VALUES (?, ?)', ['durable', '1']);
    const keys = await db.all<{ key: string }>('SELECT key FROM settings ORDER BY key');
    expect(keys.map((k) => k.key)).toEqual(['durable', 'relaxed']);
  });
});
