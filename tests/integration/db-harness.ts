import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeEach, describe } from 'vitest';
import { openDb, setDbForTests, type Db } from '../../src/server/db';

export interface DbTarget {
  /** "sqlite" or "postgres", used in test names. */
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database. */
  open: () => Promise<Db>;
  /** Drops what open() created. */
  cleanup: () => Promise<void>;
}

const pgUrl = process.env.DATABASE_URL;

if (!pgUrl) {
  // Said once per worker so a run without PostgreSQL is never mistaken for a full one.
  console.warn('[db-harness] DATABASE_URL is not set: PostgreSQL integration tests are SKIPPED; SQLite only.');
}

function sqliteTarget(): DbTarget {
  const dirs: string[] = [];
  const opened: Db[] = [];
  return {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pursebop-test-'));
      dirs.push(dir);
      const db = await openDb({ sqliteFile: path.join(dir, 'test.sqlite') });
      opened.push(db);
      return db;
    },
    async cleanup() {
      for (const db of opened.splice(0)) await db.close();
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresTarget(url: string): DbTarget {
  const schemas: string[] = [];
  const opened: Db[] = [];
  return {
    name: 'postgres',
    async open() {
      // Each test database is its own schema, so parallel workers never see each other's rows.
      const schema = `t_${String(process.pid)}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      schemas.push(schema);
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const db = await openDb({ databaseUrl: u.toString() });
      opened.push(db);
      return db;
    },
    async cleanup() {
      for (const db of opened.splice(0)) await db.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      for (const s of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await admin.end();
    },
  };
}

/** Every database the suite runs against here: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const dbTargets: DbTarget[] = [sqliteTarget(), ...(pgUrl ? [postgresTarget(pgUrl)] : [])];

/** describe() once per database target. */
export function describeEachDb(title: string, body: (target: DbTarget) => void): void {
  for (const target of dbTargets) {
    describe(`${title} [${target.name}]`, () => {
      body(target);
    });
  }
}

/**
 * A fresh database for every test, installed as the one the site's code reads (`getDb`); the
 * target's databases are dropped after the file. Returns the current test's database.
 */
export function useSiteDbPerTest(target: DbTarget): () => Db {
  let db: Db | undefined;
  afterAll(async () => {
    setDbForTests(undefined);
    await target.cleanup();
  });
  beforeEach(async () => {
    db = await target.open();
    setDbForTests(db);
  });
  return () => {
    if (!db) throw new Error('The test database opens before each test.');
    return db;
  };
}
