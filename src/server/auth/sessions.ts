import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { safeEqual } from '../secret';
import type { Editor } from './editors';

/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Writing last_seen_at on every request would turn each page view into a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface DeskSession {
  editor: Editor;
  /** Per-session token every state-changing desk form must echo back. */
  csrfToken: string;
  expiresAt: number;
}

interface SessionRow {
  editor_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  email: string;
  display_name: string;
  disabled: number;
}

/** Only a hash of the cookie value is stored, so a leaked database cannot be replayed as cookies. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Opens a session and returns the cookie value (shown once, never stored in clear). */
export async function createSession(
  db: Db,
  editorId: number,
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_ABSOLUTE_MS;
  await db.run(
    'INSERT INTO editor_sessions (token_hash, editor_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    [hashToken(token), editorId, randomBytes(24).toString('base64url'), now, now, expiresAt],
  );
  return { token, expiresAt };
}

/** The live session for a cookie value, or undefined when it is unknown, idle too long, past its end or its editor is disabled. */
export async function loadSession(
  db: Db,
  token: string | undefined,
  now = Date.now(),
): Promise<DeskSession | undefined> {
  if (!token || token.length > 200) return undefined;
  const key = hashToken(token);
  const row = await db.get<SessionRow>(
    `SELECT s.editor_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, e.email, e.display_name, e.disabled
     FROM editor_sessions s JOIN editors e ON e.id = s.editor_id WHERE s.token_hash = ?`,
    [key],
  );
  if (!row) return undefined;
  if (row.disabled || now >= row.expires_at || now - row.last_seen_at >= SESSION_IDLE_MS) {
    await db.run('DELETE FROM editor_sessions WHERE token_hash = ?', [key]);
    return undefined;
  }
  if (now - row.last_seen_at >= TOUCH_EVERY_MS) {
    await db.run('UPDATE editor_sessions SET last_seen_at = ? WHERE token_hash = ?', [now, key]);
  }
  return {
    editor: { id: row.editor_id, email: row.email, displayName: row.display_name },
    csrfToken: row.csrf_token,
    expiresAt: Math.min(row.expires_at, now + SESSION_IDLE_MS),
  };
}

export async function deleteSession(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.run('DELETE FROM editor_sessions WHERE token_hash = ?', [hashToken(token)]);
}

/** Housekeeping: removes sessions that can no longer be used. */
export async function pruneSessions(db: Db, now = Date.now()): Promise<number> {
  const r = await db.run('DELETE FROM editor_sessions WHERE expires_at <= ? OR last_seen_at <= ?', [
    now,
    now - SESSION_IDLE_MS,
  ]);
  return r.changes;
}

/** Constant-time CSRF comparison; a missing or differently sized token never matches. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  return safeEqual(expected, given);
}
