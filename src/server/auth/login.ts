import type { Db } from '../db';
import { deviceIdFor, issueDeviceToken } from './device';
import { findEditorForLogin, type Editor } from './editors';
import { releaseLoginAttempt, reserveLoginAttempt, throttleKeys } from './lockout';
import { burnPasswordCheck, verifyPassword } from './password';
import { createSession } from './sessions';

export type LoginOutcome =
  | { ok: true; editor: Editor; token: string; expiresAt: number; deviceToken: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a sign-in. The attempt is counted before the password is checked, so a burst of
 * simultaneous guesses gets no more checks than the lockout allows. While a counter it is
 * charged to is waiting, even the right password is refused, otherwise the wait would not
 * slow a guesser down; see lockout.ts for which counters a stranger can and cannot touch.
 */
export async function attemptLogin(
  db: Db,
  attempt: { email: string; password: string; address: string; deviceToken?: string | undefined },
  now = Date.now(),
): Promise<LoginOutcome> {
  const deviceId = deviceIdFor(attempt.deviceToken, attempt.email);
  const keys = throttleKeys(attempt.email, attempt.address, deviceId);
  const reservation = await reserveLoginAttempt(db, keys, now);
  if (!reservation.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: reservation.retryAfterSeconds };
  const editor = await findEditorForLogin(db, attempt.email);
  const good = editor
    ? await verifyPassword(attempt.password, editor.passwordHash)
    : await burnPasswordCheck(attempt.password);
  // A failure stays counted: the reservation already recorded it.
  if (!editor || !good) return { ok: false, reason: 'invalid' };
  await releaseLoginAttempt(db, keys);
  const session = await createSession(db, editor.id, now);
  return {
    ok: true,
    editor: { id: editor.id, email: editor.email, displayName: editor.displayName },
    token: session.token,
    expiresAt: session.expiresAt,
    deviceToken: deviceId && attempt.deviceToken ? attempt.deviceToken : issueDeviceToken(editor.email),
  };
}
