import type { Db } from '../db';
import { getReply } from '../replies/repository';
import { sign, verifySignature } from '../secret';
import { enqueueMail } from './outbox';
import { unsubscribeUrl } from './unsubscribe';

const PURPOSE = 'notify.confirm';
/** A confirmation link older than this is refused; the reader can ask again with a new reply. */
export const CONFIRM_LINK_MS = 7 * 24 * 60 * 60 * 1000;
/** One confirmation mail per address in this span, however many replies name it. */
export const CONFIRM_MAIL_GAP_MS = 24 * 60 * 60 * 1000;
/** Replies older than this never ask for a confirmation (an import must not mail anyone). */
const CONFIRM_REQUEST_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

function normalise(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * `replyId.issuedAt.signature`, the signature covering the address too: the link
 * confirms the address of that reply and nothing else, and cannot be made up.
 */
export function confirmToken(replyId: number, email: string, issuedAt: number): string {
  const msg = `${String(replyId)}.${String(issuedAt)}`;
  return `${msg}.${sign(PURPOSE, `${msg}.${normalise(email)}`)}`;
}

export function confirmUrl(siteUrl: string, replyId: number, email: string, issuedAt: number): string {
  const url = new URL('/notify/confirm', siteUrl);
  url.searchParams.set('t', confirmToken(replyId, email, issuedAt));
  return url.href;
}

export type ConfirmCheck =
  { ok: true; email: string; replierKey: string } | { ok: false; reason: 'invalid' | 'expired' };

/** Reads a confirmation token without acting on it (the GET page shows what a press would do). */
export async function checkConfirmToken(db: Db, token: string, now = Date.now()): Promise<ConfirmCheck> {
  const m = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!m?.[1] || !m[2] || !m[3]) return { ok: false, reason: 'invalid' };
  const reply = await getReply(db, Number(m[1]));
  if (!reply?.author_email) return { ok: false, reason: 'invalid' };
  const email = normalise(reply.author_email);
  if (!verifySignature(PURPOSE, `${m[1]}.${m[2]}.${email}`, m[3])) return { ok: false, reason: 'invalid' };
  if (now - Number(m[2]) > CONFIRM_LINK_MS) return { ok: false, reason: 'expired' };
  return { ok: true, email, replierKey: reply.replier_key };
}

/**
 * The owner of the address pressed "Confirm": replies to replies by this author key now
 * reach the address. A confirmation is newer consent than an earlier unsubscribe, so it lifts it.
 */
export async function confirmAddress(db: Db, token: string, now = Date.now()): Promise<ConfirmCheck> {
  const check = await checkConfirmToken(db, token, now);
  if (!check.ok) return check;
  await db.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO notify_confirmations (email, replier_key, confirmed_at) VALUES (?, ?, ?) ON CONFLICT (email, replier_key) DO NOTHING',
      [check.email, check.replierKey, now],
    );
    await tx.run('DELETE FROM notify_unsubscribes WHERE email = ?', [check.email]);
  });
  return check;
}

export async function isAddressConfirmed(db: Db, email: string, replierKey: string): Promise<boolean> {
  const row = await db.get('SELECT 1 AS ok FROM notify_confirmations WHERE email = ? AND replier_key = ?', [
    normalise(email),
    replierKey,
  ]);
  return row !== undefined;
}

/**
 * One confirmation mail per published reply that asked for notifications from an address
 * not yet confirmed for its author, at most one per address per CONFIRM_MAIL_GAP_MS, never to
 * an address that unsubscribed. Held replies ask nothing: a stranger's unapproved reply
 * cannot make the site write to anyone. The mail holds no text a visitor chose.
 */
export async function queueAddressConfirmations(db: Db, siteUrl: string, now = Date.now()): Promise<number> {
  const rows = await db.all<{ id: number; letter_id: string; author_email: string }>(
    `SELECT r.id, r.letter_id, r.author_email FROM replies r
     WHERE r.status = 'published' AND r.deleted_at IS NULL AND r.notify_replies = 1 AND r.author_email IS NOT NULL
       AND r.created_at >= ?
       AND NOT EXISTS (SELECT 1 FROM notify_confirm_requests q WHERE q.reply_id = r.id)
       AND NOT EXISTS (SELECT 1 FROM notify_confirmations c
                       WHERE c.email = LOWER(r.author_email) AND c.replier_key = r.replier_key)
       AND NOT EXISTS (SELECT 1 FROM notify_unsubscribes u WHERE u.email = LOWER(r.author_email))
     ORDER BY r.id`,
    [now - CONFIRM_REQUEST_WINDOW_MS],
  );
  let queued = 0;
  for (const r of rows) {
    const email = normalise(r.author_email);
    const done = await db.transaction(async (tx) => {
      const recent = await tx.get('SELECT 1 AS ok FROM notify_confirm_requests WHERE email = ? AND requested_at > ?', [
        email,
        now - CONFIRM_MAIL_GAP_MS,
      ]);
      // Left for a later run: the reply still gets its mail once the gap has passed.
      if (recent) return false;
      const claimed = await tx.run(
        'INSERT INTO notify_confirm_requests (reply_id, email, requested_at) VALUES (?, ?, ?) ON CONFLICT (reply_id) DO NOTHING',
        [r.id, email, now],
      );
      if (claimed.changes === 0) return false;
      const letter = new URL(`/letters/${r.letter_id}/`, siteUrl).href;
      const unsubscribe = unsubscribeUrl(siteUrl, email);
      const bodyText = [
        'Hello,',
        '',
        'A reply on Dear PurseBop gave this address and asked to be told by email when readers answer it:',
        letter,
        '',
        'If that was you, open this link and press "Confirm my address":',
        confirmUrl(siteUrl, r.id, email, now),
        '',
        'If it was not you, ignore this message: we send nothing more unless the link is used.',
        `Never email this address again: ${unsubscribe}`,
      ].join('\n');
      await enqueueMail(
        tx,
        {
          kind: 'address-confirmation',
          recipient: email,
          subject: 'Please confirm your email address for Dear PurseBop',
          bodyText,
          unsubscribeUrl: unsubscribe,
        },
        now,
      );
      return true;
    });
    if (done) queued++;
  }
  return queued;
}
