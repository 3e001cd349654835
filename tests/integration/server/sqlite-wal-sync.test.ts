import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/server/db/migrate';
import { migrations } from '../../../src/server/db/migrations';
import { openSqlite } from '../../../src/server/db/sqlite';
import type { Db } from '../../../src/server/db/types';

const root = mkdtempSync(path.join(os.tmpdir(), 'pursebop-walsync-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A -wal sync the test finishes by hand; each call records which settings rows another connection saw committed. */
interface Gate {
  /** Once set, syncs finish at once (for migrations and closing). */
  open: boolean;
  calls: { file: string; committed: string[]; finish: (error?: Error) => void }[];
  syncWal: (file: string) => Promise<void>;
}

function gate(dbFile: string): Gate {
  const calls: Gate['calls'] = [];
  const g: Gate = {
    open: true,
    calls,
    syncWal: (file) =>
      new Promise<void>((resolve, reject) => {
        if (g.open) {
          resolve();
          return;
        }
        // Another connection sees only what was committed: the sync must come after the COMMIT.
        const peek = new DatabaseSync(dbFile, { readOnly: true });
        let committed: string[] = [];
        try {
          committed = (peek.prepare('SELECT key FROM settings ORDER BY key').all() as { key: string }[]).map(
            (r) => r.key,
          );
        } catch {
          // Before the migrations ran there is no table yet.
        } finally {
          peek.close();
        }
        calls.push({
          file,
          committed,
          finish: (error) => {
            if (error) reject(error);
            else resolve();
          },
        });
      }),
  };
  return g;
}

let n = 0;
async function openGated(): Promise<{ db: Db; g: Gate; file: string }> {
  const file = path.join(root, `db-${String(++n)}.sqlite`);
  const g = gate(file);
  const db = openSqlite(file, { syncWal: g.syncWal });
  await migrate(db, migrations);
  g.open = false;
  return { db, g, file };
}

/** Lets timers, immediates and the thread pool run for a moment. */
const settle = () => new Promise((r) => setTimeout(r, 30));

function track<T>(p: Promise<T>): { done: () => boolean; p: Promise<T> } {
  let finished = false;
  void p.then(
    () => (finished = true),
    () => (finished = true),
  );
  return { done: () => finished, p };
}

const insert = (key: string): [string, string[]] => ['INSERT INTO settings (key, value) VALUES (?, ?)', [key, 'v']];

describe('SQLite: acknowledged only once the write-ahead log is synced', () => {
  it('answers a durable write only after a -wal sync that began after its COMMIT', async () => {
    const { db, g, file } = await openGated();
    const write = track(db.run(...insert('a')));
    await settle();
    expect(write.done()).toBe(false);
    expect(g.calls).toHaveLength(1);
    expect(g.calls[0]?.file).toBe(`${file}-wal`);
    expect(g.calls[0]?.committed).toEqual(['a']);
    g.calls[0]?.finish();
    await write.p;
    g.open = true;
    await db.close();
  });

  it('lets batches committed during one sync share the next one', async () => {
    const { db, g } = await openGated();
    const first = track(db.run(...insert('a')));
    await settle();
    // Three more batches (separate turns of the loop) while the first sync still runs.
    const later = [track(db.run(...insert('b')))];
    await settle();
    later.push(track(db.run(...insert('c'))));
    await settle();
    later.push(track(db.run(...insert('d'))));
    await settle();
    expect(g.calls).toHaveLength(1);
    g.calls[0]?.finish();
    await first.p;
    await settle();
    // One more sync for all three, started after their commits; none of them is answered before it ends.
    expect(g.calls).toHaveLength(2);
    expect(g.calls[1]?.committed).toEqual(['a', 'b', 'c', 'd']);
    expect(later.map((w) => w.done())).toEqual([false, false, false]);
    g.calls[1]?.finish();
    await Promise.all(later.map((w) => w.p));
    g.open = true;
    await db.close();
  });

  it('waits for the sync after an explicit transaction, and not for a non-durable write', async () => {
    const { db, g } = await openGated();
    const tx = track(db.transaction(async (t) => t.run(...insert('tx'))));
    await settle();
    expect(tx.done()).toBe(false);
    expect(g.calls.at(-1)?.committed).toEqual(['tx']);
    // The connection is free while that sync runs: a cheap write goes through at once.
    await db.run(...insert('relaxed'), { durable: false });
    for (const c of g.calls.splice(0)) c.finish();
    await tx.p;
    g.open = true;
    await db.close();
  });

  it('refuses a durable write whose sync failed', async () => {
    const { db, g } = await openGated();
    const write = track(db.run(...insert('a')));
    await settle();
    g.calls[0]?.finish(new Error('EIO: i/o error, fdatasync'));
    await expect(write.p).rejects.toThrow('EIO');
    g.open = true;
    await db.close();
  });

  it('syncs the real -wal file by default and keeps the database in WAL mode with synchronous = NORMAL', async () => {
    const file = path.join(root, 'real.sqlite');
    const db = openSqlite(file);
    await migrate(db, migrations);
    await db.run(...insert('a'));
    expect(await db.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    // 1 = NORMAL: COMMIT itself never blocks the event loop on an fsync.
    expect(await db.get<{ synchronous: number }>('PRAGMA synchronous')).toEqual({ synchronous: 1 });
    await db.close();
    const check = new DatabaseSync(file, { readOnly: true });
    expect(check.prepare('SELECT value FROM settings WHERE key = ?').get('a')).toEqual({ value: 'v' });
    check.close();
  });
});
