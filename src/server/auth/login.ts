import type { Db } from '../db';
import { findEditorForLogin, type Editor } from './editors';
import { clearLoginFailures, loginWaitSeconds, recordLoginFailure, throttleKeys } from './lockout';
import { burnPasswordCheck, verifyPassword } from './password';
import { createSession } from './sessions';

export type LoginOutcome =
  | { ok: true; editor: Editor; token: string; expiresAt: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a sign-in. While the account or the address is waiting out its delay, even the
 * right password is refused, otherwise the delay would not slow a guesser down.
 */
export async function attemptLogin(
  db: Db,
  attempt: { email: string; password: string; address: string },
  now = Date.now(),
): Promise<LoginOutcome> {
  const keys = throttleKeys(attempt.email, attempt.address);
  const wait = await loginWaitSeconds(db, keys, now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  const editor = await findEditorForLogin(db, attempt.email);
  const good = editor
    ? await verifyPassword(attempt.password, editor.passwordHash)
    : await burnPasswordCheck(attempt.password);
  if (!editor || !good) {
    await recordLoginFailure(db, keys, now);
    return { ok: false, reason: 'invalid' };
  }
  await clearLoginFailures(db, keys);
  const session = await createSession(db, editor.id, now);
  return {
    ok: true,
    editor: { id: editor.id, email: editor.email, displayName: editor.displayName },
    token: session.token,
    expiresAt: session.expiresAt,
  };
}
