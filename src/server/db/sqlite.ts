import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { Db, RunResult, SqlValue } from './types';

/**
 * node:sqlite is synchronous, so one connection serves the whole process. A transaction
 * spans awaits, so other callers wait for it to finish instead of landing inside it
 * (and being rolled back with it).
 */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const conn = new DatabaseSync(file);
  conn.exec('PRAGMA journal_mode = WAL');
  conn.exec('PRAGMA busy_timeout = 5000');
  // FULL keeps every acknowledged commit through a power cut, even in WAL mode.
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

  const direct: Omit<Db, 'transaction' | 'close'> = {
    dialect: 'sqlite',
    all: <T>(sql: string, params: readonly SqlValue[] = []) =>
      Promise.resolve(prepare(sql).all(...args(params)) as T[]),
    get: <T>(sql: string, params: readonly SqlValue[] = []) =>
      Promise.resolve(prepare(sql).get(...args(params)) as T | undefined),
    run: (sql: string, params: readonly SqlValue[] = []): Promise<RunResult> => {
      const r = prepare(sql).run(...args(params));
      return Promise.resolve({ changes: Number(r.changes) });
    },
  };

  let gate: Promise<void> = Promise.resolve();
  let inTransaction = false;
  const whenFree = async <T>(work: () => Promise<T>): Promise<T> => {
    while (inTransaction) await gate;
    return work();
  };

  const db: Db = {
    dialect: 'sqlite',
    all: (sql, params) => whenFree(() => direct.all(sql, params)),
    get: (sql, params) => whenFree(() => direct.get(sql, params)),
    run: (sql, params) => whenFree(() => direct.run(sql, params)),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      while (inTransaction) await gate;
      inTransaction = true;
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      const tx: Db = {
        ...direct,
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
      conn.close();
      return Promise.resolve();
    },
  };
  return db;
}

/** Online, consistent copy of the live database file (used by `npm run db:backup`). */
export function backupSqlite(file: string, target: string): void {
  const conn = new DatabaseSync(file);
  try {
    conn.exec('PRAGMA busy_timeout = 5000');
    conn.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
  } finally {
    conn.close();
  }
}
