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
/** A sender that dies mid-send leaves its claim behind; after this long another sender may retry. */
export const CLAIM_MS = 2 * 60 * 1000;
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
  kind: 'editor-digest' | 'reply-notification';
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

/**
 * Takes up to `limit` unsent messages for this sender. Each claim is a conditional update,
 * so two instances flushing at once never send the same message twice.
 */
export async function claimPendingMail(db: Db, limit: number, now = Date.now()): Promise<OutboxMessage[]> {
  const candidates = await db.all<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox WHERE sent_at IS NULL AND claimed_until < ? AND attempts < ? ORDER BY id LIMIT ?`,
    [now, MAX_ATTEMPTS, limit],
  );
  const claimed: OutboxMessage[] = [];
  for (const c of candidates) {
    const r = await db.run(
      'UPDATE outbox SET claimed_until = ? WHERE id = ? AND sent_at IS NULL AND claimed_until < ?',
      [now + CLAIM_MS, c.id, now],
    );
    if (r.changes > 0) claimed.push(toMessage(c));
  }
  return claimed;
}

export async function markMailSent(db: Db, id: number, now = Date.now()): Promise<void> {
  await db.run('UPDATE outbox SET sent_at = ?, claimed_until = 0, last_error = NULL WHERE id = ?', [now, id]);
}

export async function markMailFailed(db: Db, id: number, error: string): Promise<void> {
  await db.run('UPDATE outbox SET attempts = attempts + 1, claimed_until = 0, last_error = ? WHERE id = ?', [
    error.slice(0, 500),
    id,
  ]);
}
