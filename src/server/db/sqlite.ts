import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { Db, QueryOptions, RunResult, SqlValue } from './types';

/** Statements that change data (INSERT … RETURNING comes through get/all too). */
const WRITE_SQL = /^\s*(?:insert|update|delete|replace|create|drop|alter)\b/i;

/** One group commit: every write made during one turn of the event loop. */
interface Batch {
  /** Settles when the batch's COMMIT has reached the disk (or failed). */
  readonly committed: Promise<void>;
  settle(error?: unknown): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const committed = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Non-durable writers never await it; a failed commit must not become an unhandled rejection.
  committed.catch(() => undefined);
  const settle = (error?: unknown): void => {
    if (error === undefined) resolve();
    else reject(error);
  };
  return { committed, settle };
}

/**
 * The database holds editors' password hashes, sessions and readers' emails: its folder
 * is created 0700 and the file 0600 before SQLite opens it (SQLite gives its -wal and -shm
 * files the mode of the database file). Files an older version left world-readable are
 * tightened; a file owned by someone else is left alone.
 */
function createPrivately(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (existsSync(f)) chmodSync(f, 0o600);
    } catch {
      // Not ours to change (EPERM): the operator chose its mode.
    }
  }
}

/**
 * node:sqlite is synchronous, so one connection serves the whole process.
 *
 * Writes are group-committed: the first write in a turn of the event loop opens a
 * transaction, every write in that turn joins it, and it commits on the next turn.
 * A durable write resolves only after that COMMIT (synchronous = FULL, so it is on
 * disk), which turns one fsync per statement into one per batch under load. A
 * failing statement is rolled back on its own; the rest of the batch still commits.
 *
 * An explicit transaction spans awaits, so it waits for the open batch to commit and
 * everyone else waits for it, rather than landing inside it (and being rolled back with it).
 */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') createPrivately(file);
  const conn = new DatabaseSync(file);
  conn.exec('PRAGMA journal_mode = WAL');
  conn.exec('PRAGMA busy_timeout = 5000');
  // FULL keeps every acknowledged commit through a power cut, even in WAL mode. The fsync runs inside
  // COMMIT on the event loop, on purpose: NORMAL plus an fdatasync of the -wal file on the thread pool
  // was measured against it with ten concurrent posters on two busy cores, in the same conditions, and
  // posted about half as fast (each batch then waits for two thread hand-offs, and the sync itself took
  // under a millisecond, so there was little for the loop to win back).
  conn.exec('PRAGMA synchronous = FULL');
  conn.exec('PRAGMA foreign_keys = ON');

  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = conn.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  const args = (params: readonly SqlValue[]) => params as SQLInputValue[];

  const exec = {
    all: <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...args(params)) as T[],
    // The row type is the caller's claim about its own SELECT, as in Db.get.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
    get: <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).get(...args(params)) as T | undefined,
    run: (sql: string, params: readonly SqlValue[] = []): RunResult => ({
      changes: Number(prepare(sql).run(...args(params)).changes),
    }),
  };

  let open: Batch | undefined;
  let inTransaction = false;
  let transactionDone: Promise<void> = Promise.resolve();

  const finish = (batch: Batch): void => {
    if (open !== batch) return;
    open = undefined;
    try {
      conn.exec('COMMIT');
      batch.settle();
    } catch (error) {
      if (conn.isTransaction) conn.exec('ROLLBACK');
      batch.settle(error);
    }
  };

  const join = (): Batch => {
    if (open) return open;
    conn.exec('BEGIN IMMEDIATE');
    const batch = newBatch();
    open = batch;
    setImmediate(() => {
      finish(batch);
    });
    return batch;
  };

  /**
   * Waits until no explicit transaction holds the connection. Callers must check `inTransaction`
   * again in the same synchronous step as their next statement: an `await` on this function returns
   * a few microtasks after the check inside it, time enough for a transaction to BEGIN.
   */
  const whenFree = async (): Promise<void> => {
    while (inTransaction) await transactionDone;
  };

  const write = async <T>(work: () => T, options: QueryOptions | undefined): Promise<T> => {
    // The check and the batch's BEGIN run in one synchronous step, so no transaction slips between them.
    while (inTransaction) await whenFree();
    const batch = join();
    let result: T;
    try {
      result = work();
    } catch (error) {
      // Some errors (disk full, I/O) make SQLite roll the whole transaction back.
      if (open === batch && !conn.isTransaction) {
        open = undefined;
        batch.settle(error);
      }
      throw error;
    }
    if (options?.durable !== false) await batch.committed;
    return result;
  };

  const read = async <T>(work: () => T): Promise<T> => {
    while (inTransaction) await whenFree();
    return work();
  };

  const route = <T>(sql: string, work: () => T, options: QueryOptions | undefined): Promise<T> =>
    WRITE_SQL.test(sql) ? write(work, options) : read(work);

  const db: Db = {
    dialect: 'sqlite',
    all: (sql, params, options) => route(sql, () => exec.all(sql, params), options),
    get: (sql, params, options) => route(sql, () => exec.get(sql, params), options),
    run: (sql, params, options) => route(sql, () => exec.run(sql, params), options),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      for (;;) {
        await whenFree();
        if (open) await open.committed.catch(() => undefined);
        else if (!inTransaction) break;
      }
      inTransaction = true;
      let release!: () => void;
      transactionDone = new Promise<void>((resolve) => (release = resolve));
      const tx: Db = {
        dialect: 'sqlite',
        all: (sql, params) => Promise.resolve(exec.all(sql, params)),
        get: (sql, params) => Promise.resolve(exec.get(sql, params)),
        run: (sql, params) => Promise.resolve(exec.run(sql, params)),
        transaction: (inner) => inner(tx),
        close: () => Promise.resolve(),
      };
      try {
        conn.exec('BEGIN IMMEDIATE');
        const result = await fn(tx);
        conn.exec('COMMIT');
        return result;
      } catch (err) {
        if (conn.isTransaction) conn.exec('ROLLBACK');
        throw err;
      } finally {
        inTransaction = false;
        release();
      }
    },
    close: () => {
      if (open) finish(open);
      conn.close();
      return Promise.resolve();
    },
  };
  return db;
}

/**
 * Online, consistent copy of the live database file (used by `npm run db:backup`). The
 * copy is created empty and owner-only (0600) first: VACUUM INTO fills an empty file and
 * keeps its mode. An existing target is refused.
 */
export function backupSqlite(file: string, target: string): void {
  closeSync(openSync(target, 'wx', 0o600));
  const conn = new DatabaseSync(file);
  try {
    conn.exec('PRAGMA busy_timeout = 5000');
    conn.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
  } finally {
    conn.close();
  }
}
