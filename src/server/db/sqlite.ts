import {
  chmodSync,
  close,
  closeSync,
  existsSync,
  fdatasync,
  fsync,
  mkdirSync,
  open as openFile,
  openSync,
} from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { Db, QueryOptions, RunResult, SqlValue } from './types';

/** Statements that change data (INSERT … RETURNING comes through get/all too). */
const WRITE_SQL = /^\s*(?:insert|update|delete|replace|create|drop|alter)\b/i;

/** One group commit: every write made during one turn of the event loop. */
interface Batch {
  /** Settles when the batch's COMMIT has run (or failed); durable writers then wait for the -wal sync. */
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

/** Flushes one file (the write-ahead log, or a folder) to stable storage; a file that is gone has nothing left to flush. */
function flushFile(file: string, kind: 'data' | 'all'): Promise<void> {
  return new Promise((resolve, reject) => {
    openFile(file, 'r', (openError, fd) => {
      if (openError) {
        // SQLite removes the -wal file only after checkpointing it into the database file and syncing that.
        if (openError.code === 'ENOENT') resolve();
        else reject(openError);
        return;
      }
      const done = (syncError: NodeJS.ErrnoException | null) => {
        close(fd, () => {
          if (syncError) reject(syncError);
          else resolve();
        });
      };
      if (kind === 'data') fdatasync(fd, done);
      else fsync(fd, done);
    });
  });
}

/** What tests may swap: how the write-ahead log reaches the disk. */
export interface SqliteOptions {
  /** Makes everything written to the -wal file so far durable (fdatasync on libuv's thread pool by default). */
  syncWal?: (walFile: string) => Promise<void>;
}

/**
 * Hands out fsyncs of the write-ahead log, several waiters to one: `after()` settles once a
 * sync that started after the call has finished, so it covers every commit made before the call.
 * While one sync runs, every caller shares the next one.
 */
function walSyncer(walFile: string, syncWal: (walFile: string) => Promise<void>): { after: () => Promise<void> } {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let folderSynced = false;
  const start = (): Promise<void> => {
    const run = (async () => {
      // A new -wal file's name must survive a power cut too: its folder is synced once.
      if (!folderSynced) {
        await flushFile(path.dirname(walFile), 'all');
        folderSynced = true;
      }
      await syncWal(walFile);
    })();
    running = run.finally(() => {
      running = undefined;
    });
    return running;
  };
  const after = (): Promise<void> => {
    if (!running) return start();
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return start();
      });
    return queued;
  };
  return { after };
}

/**
 * node:sqlite is synchronous, so one connection serves the whole process.
 *
 * Writes are group-committed: the first write in a turn of the event loop opens a
 * transaction, every write in that turn joins it, and it commits on the next turn.
 * A failing statement is rolled back on its own; the rest of the batch still commits.
 *
 * Durability without blocking the event loop: the database runs in WAL mode with
 * synchronous = NORMAL, so COMMIT only write()s the batch's frames to the -wal file (the page
 * cache keeps them through a kill -9) and never fsyncs. A durable write (and an explicit
 * transaction) resolves only after an fdatasync of the -wal file that began after its COMMIT,
 * run on libuv's thread pool while the loop serves other requests; every batch committed
 * while one fsync runs shares the next. That is the guarantee synchronous = FULL gave: an
 * acknowledged commit survives a power cut. Why the -wal file is the right one to sync:
 * - fdatasync flushes the file (the inode), whichever descriptor wrote it, size included.
 * - Frames of a commit can only be overwritten after a WAL reset, which needs a checkpoint to
 *   have copied them into the database file first; a checkpoint (automatic, inside a COMMIT,
 *   or at close) syncs the -wal file before copying and the database file after, also under
 *   NORMAL. So by the time a reset reuses the file, those frames are already on disk.
 * - The -wal file is deleted only when the last connection closes, after such a checkpoint;
 *   a missing file therefore means there is nothing left to flush.
 * - A power cut mid-way leaves a valid prefix: each frame carries the WAL's salt and a running
 *   checksum, so recovery stops at the last whole commit (the consistency NORMAL always keeps).
 *
 * An explicit transaction spans awaits, so it waits for the open batch to commit and
 * everyone else waits for it, rather than landing inside it (and being rolled back with it).
 */
export function openSqlite(file: string, options: SqliteOptions = {}): Db {
  const inMemory = file === ':memory:';
  if (!inMemory) createPrivately(file);
  const conn = new DatabaseSync(file);
  conn.exec('PRAGMA journal_mode = WAL');
  conn.exec('PRAGMA busy_timeout = 5000');
  // NORMAL: COMMIT does not fsync; durable writers wait for the asynchronous -wal sync instead.
  conn.exec('PRAGMA synchronous = NORMAL');
  conn.exec('PRAGMA foreign_keys = ON');
  const syncer = walSyncer(`${file}-wal`, options.syncWal ?? ((wal) => flushFile(wal, 'data')));
  /** Settles once every commit made so far is on disk. */
  const durableNow = (): Promise<void> => (inMemory ? Promise.resolve() : syncer.after());

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
    if (options?.durable !== false) {
      await batch.committed;
      await durableNow();
    }
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
      let result: T;
      try {
        conn.exec('BEGIN IMMEDIATE');
        result = await fn(tx);
        conn.exec('COMMIT');
      } catch (err) {
        if (conn.isTransaction) conn.exec('ROLLBACK');
        throw err;
      } finally {
        inTransaction = false;
        release();
      }
      // The connection is free for others while the commit reaches the disk.
      await durableNow();
      return result;
    },
    close: async () => {
      if (open) finish(open);
      conn.close();
      // Closing checkpointed the log into the database file and synced it; waiters still get their sync.
      await durableNow();
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
