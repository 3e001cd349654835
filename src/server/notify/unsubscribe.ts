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

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * RFC 8058 one-click unsubscribe: a mail provider POSTs exactly `List-Unsubscribe=One-Click`
 * to the link in the mail's List-Unsubscribe header, from its own servers. Any other body is
 * refused, so this cannot stand in for the page's button.
 */
export async function answerOneClickUnsubscribe(db: Db, request: Request, token: string): Promise<Response> {
  const body = await request.formData().catch(() => undefined);
  if (body?.get('List-Unsubscribe') !== 'One-Click') {
    return plain(400, 'Only the one-click unsubscribe request (List-Unsubscribe=One-Click) is accepted here.');
  }
  const email = emailFromUnsubscribeToken(token);
  if (!email) return plain(400, 'This unsubscribe link is not valid.');
  await unsubscribeEmail(db, email);
  return plain(200, 'Unsubscribed.');
}
