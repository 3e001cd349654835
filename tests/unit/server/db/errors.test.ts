import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../../src/server/db/errors';

const dir = mkdtempSync(path.join(os.tmpdir(), 'db-errors-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The error a statement actually raises, so the test follows the driver rather than a guess at it. */
function raised(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

describe('isDatabaseUnavailable', () => {
  it('is true for SQLite busy: another connection holds the write lock past the busy timeout', () => {
    const file = path.join(dir, 'locked.sqlite');
    const holder = new DatabaseSync(file);
    holder.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER PRIMARY KEY)');
    const app = new DatabaseSync(file);
    app.exec('PRAGMA busy_timeout = 1');
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(
        isDatabaseUnavailable(
          raised(() => {
            app.exec('BEGIN IMMEDIATE');
          }),
        ),
      ).toBe(true);
      expect(
        isDatabaseUnavailable(
          raised(() => {
            app.exec('INSERT INTO t VALUES (1)');
          }),
        ),
      ).toBe(true);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      app.close();
    }
  });

  it('is false for mistakes a retry would repeat: constraints, syntax, missing tables, plain errors', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
    db.exec('INSERT INTO t VALUES (1)');
    expect(
      isDatabaseUnavailable(
        raised(() => {
          db.exec('INSERT INTO t VALUES (1)');
        }),
      ),
    ).toBe(false);
    expect(
      isDatabaseUnavailable(
        raised(() => {
          db.exec('SELEC 1');
        }),
      ),
    ).toBe(false);
    expect(
      isDatabaseUnavailable(
        raised(() => {
          db.exec('SELECT * FROM missing');
        }),
      ),
    ).toBe(false);
    db.close();
    expect(isDatabaseUnavailable(new Error('insert into replies returned no row'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('database is locked')).toBe(false);
  });

  it('is true for PostgreSQL out of reach or out of connections, false for its data errors', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
  });
});
