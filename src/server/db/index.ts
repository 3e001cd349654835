import { config } from '../config';
import { onShutdown } from '../lifecycle';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';
import type { Db } from './types';

export type { Db, SqlValue, RunResult, Dialect, QueryOptions } from './types';

let ready: Promise<Db> | undefined;

/** Opens the configured database (PostgreSQL when DATABASE_URL is set) and brings its schema up to date. */
export async function openDb(options: { databaseUrl?: string | undefined; sqliteFile?: string } = {}): Promise<Db> {
  const url = options.databaseUrl;
  const db = url ? openPostgres(url) : openSqlite(options.sqliteFile ?? config().sqliteFile);
  await migrate(db, migrations);
  return db;
}

/** The process-wide database, opened and migrated on first use. */
export function getDb(): Promise<Db> {
  if (!ready) {
    const opening = openDb({ databaseUrl: config().DATABASE_URL, sqliteFile: config().sqliteFile });
    ready = opening;
    opening.then(
      (db) => {
        // At shutdown: commit what the group commit still holds, then close.
        const remove = onShutdown(async () => {
          if (ready === opening) ready = undefined;
          await db.close();
        });
        if (ready !== opening) remove();
      },
      () => {
        if (ready === opening) ready = undefined;
      },
    );
  }
  return ready;
}

/** Lets tests point the process at a database of their own. */
export function setDbForTests(db: Db | undefined): void {
  ready = db ? Promise.resolve(db) : undefined;
}
