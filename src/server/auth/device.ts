import { randomBytes } from 'node:crypto';
import { sign, verifySignature } from '../secret';

const PURPOSE = 'desk-device';

/**
 * A browser's proof that it signed in to this account before: `id.signature`, the id
 * random, the signature binding it to the account. It unlocks nothing by itself; it
 * only spares the browser the account-wide sign-in wait that strangers can cause.
 */
export function issueDeviceToken(email: string): string {
  const id = randomBytes(12).toString('base64url');
  return `${id}.${sign(PURPOSE, `${email.trim().toLowerCase()}\n${id}`)}`;
}

/** The device id of a genuine token for this account, or undefined. */
export function deviceIdFor(token: string | undefined, email: string): string | undefined {
  const m = token ? /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{20,100})$/.exec(token) : null;
  if (!m?.[1] || !m[2]) return undefined;
  return verifySignature(PURPOSE, `${email.trim().toLowerCase()}\n${m[1]}`, m[2]) ? m[1] : undefined;
}
