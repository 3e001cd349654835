import { afterAll, describe, expect, it } from 'vitest';
import { upsertEditor, findEditorForLogin, EditorInputError } from '../../../src/server/auth/editors';
import { attemptLogin } from '../../../src/server/auth/login';
import { hashPassword, verifyPassword } from '../../../src/server/auth/password';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  createSession,
  csrfMatches,
  deleteSession,
  loadSession,
} from '../../../src/server/auth/sessions';
import { describeEachDb } from '../db-harness';

const PASSWORD = 'a long enough password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword('a long enough passworD', hash)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'scrypt$1$2$3$bad')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword(PASSWORD)).not.toBe(await hashPassword(PASSWORD));
  });
});

describe('csrfMatches', () => {
  it('accepts only the exact token', () => {
    expect(csrfMatches('abc123', 'abc123')).toBe(true);
    expect(csrfMatches('abc123', 'abc124')).toBe(false);
    expect(csrfMatches('abc123', '')).toBe(false);
    expect(csrfMatches('abc123', null)).toBe(false);
    expect(csrfMatches('abc123', 'abc1234')).toBe(false);
  });
});

describeEachDb('desk auth', (target) => {
  afterAll(() => target.cleanup());

  it('creates an editor, refuses a weak password and never stores it in clear', async () => {
    const db = await target.open();
    const ed = await upsertEditor(db, { email: ' Ed@Example.com ', displayName: 'Ed', password: PASSWORD });
    expect(ed).toMatchObject({ email: 'ed@example.com', created: true });
    const row = await db.get<{ password_hash: string }>('SELECT password_hash FROM editors WHERE id = ?', [ed.id]);
    expect(row?.password_hash).not.toContain(PASSWORD);
    await expect(upsertEditor(db, { email: 'x@example.com', displayName: 'X', password: 'short' })).rejects.toThrow(
      EditorInputError,
    );
    expect(await findEditorForLogin(db, 'ED@example.com')).toMatchObject({ id: ed.id });
  });

  it('signs in with the right password and gives the same answer for a wrong password or unknown account', async () => {
    const db = await target.open();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    const ok = await attemptLogin(db, { email: 'ed@example.com', password: PASSWORD, address: '10.0.0.1' });
    expect(ok.ok).toBe(true);
    const wrong = await attemptLogin(db, { email: 'ed@example.com', password: 'nope nope nope', address: '10.0.0.1' });
    const unknown = await attemptLogin(db, { email: 'who@example.com', password: PASSWORD, address: '10.0.0.1' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a sign-in returns the editor, a working session and a device cookie, and keeps a genuine device cookie', async () => {
    const db = await target.open();
    const ed = await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    const t0 = 1_800_000_000_000;
    const first = await attemptLogin(db, { email: 'Ed@Example.com', password: PASSWORD, address: '10.0.0.1' }, t0);
    if (!first.ok) throw new Error('the right password should sign in');
    expect(first.editor).toEqual({ id: ed.id, email: 'ed@example.com', displayName: 'Ed' });
    expect(first.expiresAt).toBe(t0 + SESSION_ABSOLUTE_MS);
    expect((await loadSession(db, first.token, t0 + 1000))?.editor.id).toBe(ed.id);
    expect(first.deviceToken).toMatch(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{20,}$/);

    // The browser that already holds a genuine cookie for this account keeps it.
    const again = await attemptLogin(
      db,
      { email: 'ed@example.com', password: PASSWORD, address: '10.0.0.1', deviceToken: first.deviceToken },
      t0 + 2000,
    );
    expect(again).toMatchObject({ ok: true, deviceToken: first.deviceToken });

    // A cookie that is not genuine for this account is replaced, never handed back.
    const forged = `${'A'.repeat(16)}.${'b'.repeat(43)}`;
    const replaced = await attemptLogin(
      db,
      { email: 'ed@example.com', password: PASSWORD, address: '10.0.0.1', deviceToken: forged },
      t0 + 3000,
    );
    if (!replaced.ok) throw new Error('the right password should sign in');
    expect(replaced.deviceToken).not.toBe(forged);
    expect(replaced.deviceToken).not.toBe(first.deviceToken);
    expect(replaced.deviceToken).toMatch(/^[A-Za-z0-9_-]{16}\./);
  });

  it('loads a session, keeps its CSRF token, and ends it on logout', async () => {
    const db = await target.open();
    const ed = await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    const t0 = 1_800_000_000_000;
    const { token } = await createSession(db, ed.id, t0);
    const s = await loadSession(db, token, t0 + 1000);
    expect(s?.editor).toEqual({ id: ed.id, email: 'ed@example.com', displayName: 'Ed' });
    expect(s?.csrfToken.length).toBeGreaterThan(20);
    expect((await loadSession(db, token, t0 + 2000))?.csrfToken).toBe(s?.csrfToken);
    expect(await loadSession(db, `${token}x`, t0 + 1000)).toBeUndefined();
    const stored = await db.get<{ token_hash: string }>('SELECT token_hash FROM editor_sessions');
    expect(stored?.token_hash).not.toBe(token);
    await deleteSession(db, token);
    expect(await loadSession(db, token, t0 + 3000)).toBeUndefined();
  });

  it('expires a session after the idle time, and after the absolute time even when active', async () => {
    const db = await target.open();
    const ed = await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    const t0 = 1_800_000_000_000;
    const idle = await createSession(db, ed.id, t0);
    expect(await loadSession(db, idle.token, t0 + SESSION_IDLE_MS - 1)).toBeDefined();
    expect(await loadSession(db, idle.token, t0 + 2 * SESSION_IDLE_MS - 2)).toBeDefined();
    expect(await loadSession(db, idle.token, t0 + 3 * SESSION_IDLE_MS)).toBeUndefined();

    const busy = await createSession(db, ed.id, t0);
    let now = t0;
    while (now + SESSION_IDLE_MS / 2 < t0 + SESSION_ABSOLUTE_MS) {
      now += SESSION_IDLE_MS / 2;
      expect(await loadSession(db, busy.token, now)).toBeDefined();
    }
    expect(await loadSession(db, busy.token, t0 + SESSION_ABSOLUTE_MS)).toBeUndefined();
  });

  it('a password reset ends existing sessions; sessions are shared by any instance', async () => {
    const db = await target.open();
    const ed = await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: PASSWORD });
    const { token } = await createSession(db, ed.id);
    expect(await loadSession(db, token)).toBeDefined();
    await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: `${PASSWORD} 2` });
    expect(await loadSession(db, token)).toBeUndefined();
  });
});
