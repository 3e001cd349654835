import { afterAll, beforeEach, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../../../src/server/db';
import { upsertEditor } from '../../../src/server/auth/editors';
import { FREE_FAILURES } from '../../../src/server/auth/lockout';
import { attemptLogin } from '../../../src/server/auth/login';
import { describeEachDb } from '../db-harness';

// Every real password check (scrypt) is counted, whether for a known or an unknown account.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/server/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/server/auth/password')>();
  return {
    ...real,
    verifyPassword: (password: string, stored: string) => {
      checks.count++;
      return real.verifyPassword(password, stored);
    },
    burnPasswordCheck: (password: string) => {
      checks.count++;
      return real.burnPasswordCheck(password);
    },
  };
});

const PASSWORD = 'a long enough password';
const ATTEMPTS = 40;

beforeEach(() => {
  checks.count = 0;
});

/** A second server instance: its own connection pool on the same PostgreSQL schema. */
async function secondInstance(db: Db): Promise<Db | undefined> {
  const url = process.env.DATABASE_URL;
  if (db.dialect !== 'postgres' || !url) return undefined;
  const row = await db.get<{ s: string }>('SELECT current_schema() AS s');
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${String(row?.s)}`);
  return openDb({ databaseUrl: u.toString() });
}

describeEachDb('sign-in lockout under parallel attempts', (target) => {
  const extra: Db[] = [];
  afterAll(async () => {
    for (const db of extra) await db.close();
    await target.cleanup();
  });

  it(`${String(ATTEMPTS)} simultaneous wrong passwords get at most ${String(FREE_FAILURES)} real checks`, async () => {
    const db = await target.open();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    const other = await secondInstance(db);
    if (other) extra.push(other);
    checks.count = 0;
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        attemptLogin(i % 2 && other ? other : db, {
          email: 'ed@example.com',
          password: `wrong guess ${String(i)}`,
          address: '198.51.100.23',
        }),
      ),
    );
    expect(checks.count).toBeLessThanOrEqual(FREE_FAILURES);
    expect(checks.count).toBeGreaterThan(0);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'invalid')).toHaveLength(checks.count);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'throttled')).toHaveLength(ATTEMPTS - checks.count);
  });

  it('the same holds for unknown accounts, whose checks are only burnt time', async () => {
    const db = await target.open();
    checks.count = 0;
    await Promise.all(
      Array.from({ length: ATTEMPTS }, () =>
        attemptLogin(db, { email: 'nobody@example.com', password: 'any guess at all', address: '198.51.100.24' }),
      ),
    );
    expect(checks.count).toBeLessThanOrEqual(FREE_FAILURES);
  });
});
