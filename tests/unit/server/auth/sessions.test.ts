import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upsertEditor } from '../../../../src/server/auth/editors';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  createSession,
  csrfMatches,
  deleteSession,
  loadSession,
  pruneSessions,
} from '../../../../src/server/auth/sessions';
import { openDb, type Db } from '../../../../src/server/db';
import { freshServerModule } from '../fresh-server-module';

const t0 = 1_800_000_000_000;
const MINUTE = 60_000;

/**
 * A copy of the sessions module loaded inside the test, so its time limits are read there too
 * (the mutation run only sees code a test runs); the rest stays as loaded.
 */
async function freshSessions() {
  const fresh = await freshServerModule(() => import('../../../../src/server/auth/sessions'));
  expect(fresh.loadSession).not.toBe(loadSession);
  return fresh;
}

describe('desk sessions', () => {
  let db: Db;
  let editorId: number;

  beforeEach(async () => {
    db = await openDb({ sqliteFile: ':memory:' });
    editorId = (await upsertEditor(db, { email: 'ed@example.com', displayName: 'Ed', password: 'a long password' })).id;
  });
  afterEach(async () => {
    await db.close();
  });

  it('ends a session exactly when it has been idle for the idle time, for good', async () => {
    const { token } = await createSession(db, editorId, t0);
    expect(await loadSession(db, token, t0 + SESSION_IDLE_MS - 1)).toBeDefined();
    const other = await createSession(db, editorId, t0);
    expect(await loadSession(db, other.token, t0 + SESSION_IDLE_MS)).toBeUndefined();
    expect(await loadSession(db, other.token, t0 + 1)).toBeUndefined();
  });

  it('keeps the promised limits: two hours idle, twelve hours in all', async () => {
    const { createSession, loadSession } = await freshSessions();
    const HOUR = 60 * MINUTE;
    const { token, expiresAt } = await createSession(db, editorId, t0);
    expect(expiresAt).toBe(t0 + 12 * HOUR);
    let now = t0;
    // Busy all day, one request every 90 minutes: never idle too long, but ended after twelve hours.
    while (now + 90 * MINUTE < t0 + 12 * HOUR) {
      now += 90 * MINUTE;
      expect(await loadSession(db, token, now)).toBeDefined();
    }
    expect(await loadSession(db, token, t0 + 12 * HOUR)).toBeUndefined();
    const idle = await createSession(db, editorId, t0);
    expect(await loadSession(db, idle.token, t0 + 2 * HOUR - MINUTE)).toBeDefined();
    expect(await loadSession(db, idle.token, t0 + 4 * HOUR - 2 * MINUTE)).toBeDefined();
    expect(await loadSession(db, idle.token, t0 + 6 * HOUR)).toBeUndefined();
  });

  it('a request keeps the session alive, counted from the last recorded minute', async () => {
    const { createSession, loadSession } = await freshSessions();
    const IDLE = 2 * 60 * MINUTE;
    const { token } = await createSession(db, editorId, t0);
    // Within the first minute nothing is recorded, so the idle time still runs from sign-in.
    expect(await loadSession(db, token, t0 + MINUTE / 2)).toBeDefined();
    const quiet = await createSession(db, editorId, t0);
    expect(await loadSession(db, quiet.token, t0 + MINUTE / 2)).toBeDefined();
    expect(await loadSession(db, quiet.token, t0 + IDLE + 1)).toBeUndefined();
    // A request a minute or more later moves the idle window on.
    expect(await loadSession(db, token, t0 + MINUTE)).toBeDefined();
    expect(await loadSession(db, token, t0 + MINUTE + IDLE - 1)).toBeDefined();
  });

  it('reports when the session will end: the idle limit, never past the absolute end', async () => {
    const { token, expiresAt } = await createSession(db, editorId, t0);
    expect(expiresAt).toBe(t0 + SESSION_ABSOLUTE_MS);
    expect((await loadSession(db, token, t0 + 1000))?.expiresAt).toBe(t0 + 1000 + SESSION_IDLE_MS);
    let now = t0;
    while (now + SESSION_IDLE_MS / 2 < t0 + SESSION_ABSOLUTE_MS - MINUTE) {
      now += SESSION_IDLE_MS / 2;
      await loadSession(db, token, now);
    }
    expect((await loadSession(db, token, t0 + SESSION_ABSOLUTE_MS - MINUTE))?.expiresAt).toBe(t0 + SESSION_ABSOLUTE_MS);
  });

  it('ends the sessions of a disabled editor', async () => {
    const { token } = await createSession(db, editorId, t0);
    await db.run('UPDATE editors SET disabled = 1 WHERE id = ?', [editorId]);
    expect(await loadSession(db, token, t0 + 1000)).toBeUndefined();
  });

  it('ignores a missing or oversized cookie, and signing out without one harms no session', async () => {
    const { token } = await createSession(db, editorId, t0);
    expect(await loadSession(db, undefined, t0)).toBeUndefined();
    expect(await loadSession(db, '', t0)).toBeUndefined();
    expect(await loadSession(db, token + 'x'.repeat(300), t0)).toBeUndefined();
    await deleteSession(db, undefined);
    await deleteSession(db, '');
    expect(await loadSession(db, token, t0 + 1000)).toBeDefined();
  });

  it('pruning removes ended and idle sessions and keeps live ones', async () => {
    const live = await createSession(db, editorId, t0 + SESSION_IDLE_MS);
    const idle = await createSession(db, editorId, t0);
    const old = await createSession(db, editorId, t0 - SESSION_ABSOLUTE_MS);
    expect(await pruneSessions(db, t0 + SESSION_IDLE_MS + 1000)).toBe(2);
    expect(await loadSession(db, live.token, t0 + SESSION_IDLE_MS + 2000)).toBeDefined();
    for (const gone of [idle, old]) {
      const row = await db.get('SELECT 1 FROM editor_sessions WHERE expires_at = ?', [gone.expiresAt]);
      expect(row).toBeUndefined();
    }
    expect(await pruneSessions(db, t0 + SESSION_IDLE_MS + 1000)).toBe(0);
  });
});

describe('csrfMatches', () => {
  it('matches only the same string', () => {
    expect(csrfMatches('token-123', 'token-123')).toBe(true);
    expect(csrfMatches('token-123', 'token-124')).toBe(false);
    expect(csrfMatches('token-123', '')).toBe(false);
    expect(csrfMatches('', '')).toBe(false);
    expect(csrfMatches('token-123', undefined)).toBe(false);
    expect(csrfMatches('token-123', ['token-123'])).toBe(false);
    expect(csrfMatches('123', 123)).toBe(false);
  });
});
