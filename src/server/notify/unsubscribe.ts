import type { Db } from '../db';
import { sign, verifySignature } from '../secret';

const PURPOSE = 'notify.unsubscribe';

/** `<address in base64url>.<signature>`: the link works without a login and cannot be forged for another address. */
export function unsubscribeToken(email: string): string {
  const address = email.trim().toLowerCase();
  return `${Buffer.from(address).toString('base64url')}.${sign(PURPOSE, address)}`;
}

/** The address a token was made for, or undefined for anything tampered with. */
export function emailFromUnsubscribeToken(token: string): string | undefined {
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined || token.length > 1000) return undefined;
  const address = Buffer.from(encoded, 'base64url').toString('utf8');
  return verifySignature(PURPOSE, address, signature) ? address : undefined;
}

export function unsubscribeUrl(siteUrl: string, email: string): string {
  const url = new URL('/desk/unsubscribe', siteUrl);
  url.searchParams.set('t', unsubscribeToken(email));
  return url.href;
}

/** Stops every reply notification and confirmation mail to this address; repeating it is harmless. */
export async function unsubscribeEmail(db: Db, email: string, now = Date.now()): Promise<void> {
  const address = email.trim().toLowerCase();
  await db.run('INSERT INTO notify_unsubscribes (email, created_at) VALUES (?, ?) ON CONFLICT (email) DO NOTHING', [
    address,
    now,
  ]);
  // Messages already queued for the address are dropped too: the reader asked for no more mail.
  await db.run(
    "UPDATE outbox SET sent_at = ?, last_error = 'unsubscribed' WHERE sent_at IS NULL AND kind IN ('reply-notification', 'address-confirmation') AND recipient = ?",
    [now, address],
  );
}

export async function isUnsubscribed(db: Db, email: string): Promise<boolean> {
  const row = await db.get('SELECT 1 AS ok FROM notify_unsubscribes WHERE email = ?', [email.trim().toLowerCase()]);
  return row !== undefined;
}
