import { randomUUID } from 'node:crypto';
import type { Db } from '../db';

export interface OutboxMessage {
  id: number;
  kind: string;
  recipient: string;
  subject: string;
  bodyText: string;
  unsubscribeUrl: string | null;
  createdAt: number;
  attempts: number;
  lastError: string | null;
  sentAt: number | null;
}

interface OutboxRow {
  id: number;
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
  unsubscribe_url: string | null;
  created_at: number;
  attempts: number;
  last_error: string | null;
  sent_at: number | null;
}

const COLUMNS = 'id, kind, recipient, subject, body_text, unsubscribe_url, created_at, attempts, last_error, sent_at';
/**
 * A sender that dies mid-send leaves its claim behind; after this long another sender may
 * retry. A live sender renews the claim before each message, and one SMTP exchange is cut
 * off well before this (SMTP_TIMEOUT_MS), so a working sender never outlasts its claim.
 */
export const CLAIM_MS = 2 * 60 * 1000;
/** Longest any one SMTP step (connect, greeting, a command's answer) may take. */
export const SMTP_TIMEOUT_MS = 30 * 1000;
/** Past this many failures a message stays in the outbox for an editor to read instead. */
export const MAX_ATTEMPTS = 5;

function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    kind: r.kind,
    recipient: r.recipient,
    subject: r.subject,
    bodyText: r.body_text,
    unsubscribeUrl: r.unsubscribe_url,
    createdAt: r.created_at,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at,
  };
}

export interface NewMessage {
  kind: 'editor-digest' | 'reply-notification' | 'address-confirmation';
  recipient: string;
  subject: string;
  bodyText: string;
  unsubscribeUrl?: string | undefined;
}

export async function enqueueMail(db: Db, m: NewMessage, now = Date.now()): Promise<number> {
  const row = await db.get<{ id: number }>(
    'INSERT INTO outbox (kind, recipient, subject, body_text, unsubscribe_url, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    [m.kind, m.recipient, m.subject, m.bodyText, m.unsubscribeUrl ?? null, now],
  );
  if (!row) throw new Error('Queuing the message returned no id');
  return row.id;
}

export async function countPendingMail(db: Db): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
  return row?.n ?? 0;
}

/** Newest first; `pending` narrows to messages not sent yet. */
export async function listOutbox(
  db: Db,
  opts: { pending: boolean; limit: number; offset: number },
): Promise<OutboxMessage[]> {
  const where = opts.pending ? 'WHERE sent_at IS NULL' : '';
  const rows = await db.all<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    [opts.limit, opts.offset],
  );
  return rows.map(toMessage);
}

/** A fresh claim id: each sender run holds its messages under its own id. */
export function newClaimId(): string {
  return randomUUID();
}

/**
 * Takes up to `limit` unsent messages for the sender holding `claimId`. Each claim is a
 * conditional update, so two instances flushing at once never take the same message.
 */
export async function claimPendingMail(
  db: Db,
  limit: number,
  now = Date.now(),
  claimId = newClaimId(),
): Promise<OutboxMessage[]> {
  const candidates = await db.all<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox WHERE sent_at IS NULL AND claimed_until < ? AND attempts < ? ORDER BY id LIMIT ?`,
    [now, MAX_ATTEMPTS, limit],
  );
  const claimed: OutboxMessage[] = [];
  for (const c of candidates) {
    const r = await db.run(
      'UPDATE outbox SET claimed_until = ?, claim_id = ? WHERE id = ? AND sent_at IS NULL AND claimed_until < ?',
      [now + CLAIM_MS, claimId, c.id, now],
    );
    if (r.changes > 0) claimed.push(toMessage(c));
  }
  return claimed;
}

/**
 * Extends this sender's claim on one message just before it is handed to SMTP. False
 * when the claim ran out and someone else took the message over: then it must not be sent.
 */
export async function renewMailClaim(db: Db, id: number, claimId: string, now = Date.now()): Promise<boolean> {
  const r = await db.run(
    'UPDATE outbox SET claimed_until = ? WHERE id = ? AND claim_id = ? AND sent_at IS NULL AND claimed_until >= ?',
    [now + CLAIM_MS, id, claimId, now],
  );
  return r.changes > 0;
}

/** Records the delivery; false when `claimId` no longer holds the message (nothing changes then). */
export async function markMailSent(db: Db, id: number, claimId: string, now = Date.now()): Promise<boolean> {
  const r = await db.run(
    'UPDATE outbox SET sent_at = ?, claimed_until = 0, claim_id = NULL, last_error = NULL WHERE id = ? AND claim_id = ? AND sent_at IS NULL',
    [now, id, claimId],
  );
  return r.changes > 0;
}

/** Counts a failed attempt and frees the message for a later run, if `claimId` still holds it. */
export async function markMailFailed(db: Db, id: number, claimId: string, error: string): Promise<boolean> {
  const r = await db.run(
    'UPDATE outbox SET attempts = attempts + 1, claimed_until = 0, claim_id = NULL, last_error = ? WHERE id = ? AND claim_id = ? AND sent_at IS NULL',
    [error.slice(0, 500), id, claimId],
  );
  return r.changes > 0;
}
