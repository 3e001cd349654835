import { afterAll, expect, it, vi } from 'vitest';
import { upsertEditor } from '../../../src/server/auth/editors';
import {
  FORGET_AFTER_MS,
  FREE_FAILURES,
  FREE_FAILURES_PER_ACCOUNT,
  FREE_FAILURES_PER_ADDRESS,
  delayAfter,
  loginWaitSeconds,
  pruneLoginFailures,
  releaseLoginAttempt,
  reserveLoginAttempt,
  throttleKeys,
} from '../../../src/server/auth/lockout';
import { attemptLogin } from '../../../src/server/auth/login';
import type { Db } from '../../../src/server/db';
import { describeEachDb } from '../db-harness';

// The counters are what is under test here, not scrypt: a cheap stand-in keeps dozens of attempts fast.
vi.mock('../../../src/server/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/server/auth/password')>();
  return {
    ...real,
    hashPassword: (password: string) => Promise.resolve(`plain$${password}`),
    verifyPassword: (password: string, stored: string) => Promise.resolve(stored === `plain$${password}`),
    burnPasswordCheck: () => Promise.resolve(false),
  };
});

const PASSWORD = 'a long enough password';

describeEachDb('sign-in lockout', (target) => {
  afterAll(() => target.cleanup());

  const t0 = 1_800_000_000_000;
  const login = (db: Db, password: string, address: string, at: number, deviceToken?: string) =>
    attemptLogin(db, { email: 'ed@example.com', password, address, deviceToken }, at);

  it('after 5 failures from one address against an account, that pair waits, and waits grow', async () => {
    const db = await target.open();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    for (let i = 0; i < FREE_FAILURES; i++) {
      expect(await login(db, 'wrong password!', '10.1.0.1', t0)).toEqual({ ok: false, reason: 'invalid' });
    }
    // Even the right password waits, or the wait would not slow a guesser down.
    expect(await login(db, PASSWORD, '10.1.0.1', t0 + 1000)).toMatchObject({ ok: false, reason: 'throttled' });
    const firstWait = delayAfter(FREE_FAILURES);
    const later = t0 + firstWait + 1;
    expect(await loginWaitSeconds(db, throttleKeys('ed@example.com', '10.1.0.1'), later)).toBe(0);
    // One more failure doubles the wait.
    await login(db, 'wrong again!!', '10.1.0.1', later);
    const wait = await loginWaitSeconds(db, throttleKeys('ed@example.com', '10.1.0.1'), later);
    expect(wait).toBe(Math.ceil(delayAfter(FREE_FAILURES + 1) / 1000));
    expect(delayAfter(FREE_FAILURES + 1)).toBe(2 * firstWait);
    expect((await login(db, PASSWORD, '10.1.0.1', later + wait * 1000)).ok).toBe(true);
    // Success clears the pair's counter.
    expect(await loginWaitSeconds(db, throttleKeys('ed@example.com', '10.1.0.1'), later + wait * 1000)).toBe(0);
  });

  it("failures from another address do not stop the right password from the editor's address", async () => {
    const db = await target.open();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    // A stranger keeps guessing, far past the pair's free failures, and is made to wait.
    for (let i = 0; i < 3 * FREE_FAILURES; i++) await login(db, 'wrong password!', '192.0.2.66', t0 + i);
    expect(await login(db, PASSWORD, '192.0.2.66', t0 + 100)).toMatchObject({ ok: false, reason: 'throttled' });
    // The editor, at their own address and in a browser that never signed in before, gets in.
    expect((await login(db, PASSWORD, '10.0.0.5', t0 + 100)).ok).toBe(true);
  });

  it("guessing from many addresses locks the account for unknown browsers, never for the editor's own", async () => {
    const db = await target.open();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    const before = await login(db, PASSWORD, '10.0.0.5', t0);
    if (!before.ok) throw new Error('the first sign-in should work');
    // A botnet: a few guesses from each of many addresses, each pair under its own limit.
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
      await login(db, 'wrong password!', `203.0.113.${String(i)}`, t0 + 10);
    }
    expect(await login(db, 'one more guess!', '203.0.113.200', t0 + 20)).toMatchObject({ reason: 'throttled' });
    // A browser that never signed in waits, even with the right password…
    expect(await login(db, PASSWORD, '10.0.0.5', t0 + 20)).toMatchObject({ reason: 'throttled' });
    // …but the editor's browser, which signed in before, is spared the account-wide wait.
    expect((await login(db, PASSWORD, '10.0.0.5', t0 + 20, before.deviceToken)).ok).toBe(true);
    // A forged or borrowed device cookie is just an unknown browser.
    const forged = `${'A'.repeat(16)}.${'b'.repeat(43)}`;
    expect(await login(db, PASSWORD, '10.0.0.6', t0 + 20, forged)).toMatchObject({ reason: 'throttled' });
    const other = await upsertEditor(db, { email: 'al@example.com', displayName: 'Al', password: PASSWORD });
    const als = await attemptLogin(db, { email: other.email, password: PASSWORD, address: '10.0.0.7' }, t0 + 20);
    if (!als.ok) throw new Error('Al should sign in');
    expect(await login(db, PASSWORD, '10.0.0.7', t0 + 20, als.deviceToken)).toMatchObject({ reason: 'throttled' });
  });

  it('a known browser still gets only a limited number of guesses', async () => {
    const db = await target.open();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    const first = await login(db, PASSWORD, '10.0.0.5', t0);
    if (!first.ok) throw new Error('the first sign-in should work');
    // A stolen device cookie, used from many addresses.
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) {
      await login(db, 'wrong password!', `203.0.113.${String(i)}`, t0 + 10, first.deviceToken);
    }
    expect(await login(db, PASSWORD, '203.0.113.250', t0 + 20, first.deviceToken)).toMatchObject({
      reason: 'throttled',
    });
  });

  it('after 20 failures from one address, that address waits whatever account it tries', async () => {
    const db = await target.open();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    for (let i = 0; i < FREE_FAILURES_PER_ADDRESS; i++) {
      await attemptLogin(
        db,
        { email: `guess${String(i)}@example.com`, password: 'whatever guess', address: '192.0.2.7' },
        t0,
      );
    }
    expect(await login(db, PASSWORD, '192.0.2.7', t0 + 10)).toMatchObject({ ok: false, reason: 'throttled' });
    expect((await login(db, PASSWORD, '192.0.2.8', t0 + 10)).ok).toBe(true);
  });

  it('a success gives back its charge on the shared counters, and pruning forgets old counters', async () => {
    const db = await target.open();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    for (let i = 0; i < 3; i++) expect((await login(db, PASSWORD, `10.0.0.${String(i)}`, t0)).ok).toBe(true);
    const account = await db.get<{ failures: number }>('SELECT failures FROM login_failures WHERE throttle_key = ?', [
      'account:ed@example.com',
    ]);
    expect(account?.failures).toBe(0);
    await login(db, 'wrong password!', '10.9.0.1', t0);
    expect(await pruneLoginFailures(db, t0 + FORGET_AFTER_MS - 1)).toBe(0);
    expect(await pruneLoginFailures(db, t0 + FORGET_AFTER_MS + 1)).toBeGreaterThan(0);
    expect(await db.get('SELECT 1 AS x FROM login_failures WHERE failures > 0')).toBeUndefined();
  });
});

describeEachDb('sign-in lockout: what a waiting client is told', (target) => {
  afterAll(() => target.cleanup());

  const t0 = 1_800_000_000_000;
  const email = 'ed@example.com';

  it('a refused attempt says how many seconds are left, counted from the attempt', async () => {
    const db = await target.open();
    const keys = throttleKeys(email, '10.2.0.1');
    for (let i = 0; i < FREE_FAILURES; i++) expect(await reserveLoginAttempt(db, keys, t0)).toEqual({ ok: true });
    expect(await reserveLoginAttempt(db, keys, t0 + 1000)).toEqual({
      ok: false,
      retryAfterSeconds: delayAfter(FREE_FAILURES) / 1000 - 1,
    });
    // Never "0 s": the last fraction of a second still asks for one second.
    expect(await reserveLoginAttempt(db, keys, t0 + delayAfter(FREE_FAILURES) - 1)).toEqual({
      ok: false,
      retryAfterSeconds: 1,
    });
    expect(await reserveLoginAttempt(db, keys, t0 + delayAfter(FREE_FAILURES))).toEqual({ ok: true });
  });

  it('when several counters wait, the answer is the longest wait, so obeying it is enough', async () => {
    const db = await target.open();
    const address = '10.2.0.2';
    // The pair uses its free failures, waits, and fails once more: its wait doubles.
    for (let i = 0; i < FREE_FAILURES; i++) await reserveLoginAttempt(db, throttleKeys(email, address), t0);
    const t1 = t0 + delayAfter(FREE_FAILURES);
    expect(await reserveLoginAttempt(db, throttleKeys(email, address), t1)).toEqual({ ok: true });
    const pairWait = delayAfter(FREE_FAILURES + 1) / 1000;
    // Meanwhile guesses from elsewhere use up the account's allowance: a shorter, account-wide wait.
    for (let i = FREE_FAILURES + 1; i < FREE_FAILURES_PER_ACCOUNT; i++) {
      await reserveLoginAttempt(db, throttleKeys(email, `198.51.100.${String(i)}`), t1);
    }
    const accountWait = delayAfter(FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_ACCOUNT) / 1000;
    expect(accountWait).toBeLessThan(pairWait);
    expect(await reserveLoginAttempt(db, throttleKeys(email, '198.51.100.99'), t1)).toEqual({
      ok: false,
      retryAfterSeconds: accountWait,
    });
    const refused = await reserveLoginAttempt(db, throttleKeys(email, address), t1);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: pairWait });
    if (refused.ok) return;
    expect(await reserveLoginAttempt(db, throttleKeys(email, address), t1 + refused.retryAfterSeconds * 1000)).toEqual({
      ok: true,
    });
  });

  it("a success starts a known browser's own counter again, instead of giving back one failure", async () => {
    const db = await target.open();
    const keys = throttleKeys(email, '10.2.0.3', 'device-1');
    const spare = FREE_FAILURES_PER_ACCOUNT - 1;
    // Failures from many addresses with the same browser, just under its allowance.
    for (let i = 0; i < spare; i++) {
      expect((await reserveLoginAttempt(db, throttleKeys(email, `203.0.113.${String(i)}`, 'device-1'), t0)).ok).toBe(
        true,
      );
    }
    await releaseLoginAttempt(db, keys);
    // After the success, the browser has its whole allowance again.
    for (let i = 0; i < spare; i++) {
      const r = await reserveLoginAttempt(db, throttleKeys(email, `203.0.114.${String(i)}`, 'device-1'), t0 + 1);
      expect(r.ok).toBe(true);
    }
    expect(await loginWaitSeconds(db, keys, t0 + 1)).toBe(0);
  });

  it('a database failure during the reservation is an error, never mistaken for a wait', async () => {
    const broken = {
      transaction: () => Promise.reject(new Error('disk I/O error')),
    } as unknown as Db;
    await expect(reserveLoginAttempt(broken, throttleKeys(email, '10.2.0.4'), t0)).rejects.toThrow('disk I/O error');
  });
});
