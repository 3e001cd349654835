import { countOf } from '../../lib/plural';
import type { Db } from '../db';
import { enqueueMail } from './outbox';
import { unsubscribeUrl } from './unsubscribe';

const QUESTION_MARK = 'notify.digest.last_question_id';
const REPLY_MARK = 'notify.digest.last_reply_id';
/** The same words for every reply notification: a reader's name in a subject line reads like a sender. */
export const REPLY_NOTIFICATION_SUBJECT = 'New reply to your reply on Dear PurseBop';
/** Replies older than this never trigger mail (an import of old comments must not flood anyone). */
const REPLY_NOTIFY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

async function readMark(db: Db, key: string): Promise<number> {
  await db.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, '0']);
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]);
  return Number(row?.value ?? 0);
}

/**
 * One digest per editor covering every question and held reply since the last digest.
 * The high-water marks move by compare-and-set, so when two instances run at once only
 * one of them queues the digest.
 */
export async function queueEditorDigest(db: Db, siteUrl: string, now = Date.now()): Promise<number> {
  return db
    .transaction(async (tx) => {
      const editors = await tx.all<{ email: string }>('SELECT email FROM editors WHERE disabled = 0 ORDER BY id');
      // With nobody to tell, the marks stay put so the first editor added still hears about everything.
      if (editors.length === 0) return 0;
      const lastQuestion = await readMark(tx, QUESTION_MARK);
      const lastReply = await readMark(tx, REPLY_MARK);
      const questions = await tx.all<{ id: number; pseudonym: string; topic: string; body: string }>(
        // Suspected spam waits under its own filter in the desk; it is not news for the digest.
        'SELECT id, pseudonym, topic, body FROM questions WHERE id > ? AND spam_reason IS NULL ORDER BY id',
        [lastQuestion],
      );
      const held = await tx.all<{ id: number; letter_id: string; author_name: string; body_markdown: string }>(
        "SELECT id, letter_id, author_name, body_markdown FROM replies WHERE id > ? AND status = 'held' AND deleted_at IS NULL ORDER BY id",
        [lastReply],
      );
      const maxReply = await tx.get<{ m: number | null }>('SELECT MAX(id) AS m FROM replies');
      const newQuestionMark = questions.at(-1)?.id ?? lastQuestion;
      const newReplyMark = Math.max(lastReply, maxReply?.m ?? 0);
      const moved = await tx.run('UPDATE settings SET value = ? WHERE key = ? AND value = ?', [
        String(newQuestionMark),
        QUESTION_MARK,
        String(lastQuestion),
      ]);
      const movedReplies = await tx.run('UPDATE settings SET value = ? WHERE key = ? AND value = ?', [
        String(newReplyMark),
        REPLY_MARK,
        String(lastReply),
      ]);
      if (moved.changes === 0 || movedReplies.changes === 0) throw new DigestRaceError();
      if (questions.length === 0 && held.length === 0) return 0;

      const lines: string[] = [];
      if (questions.length > 0) {
        lines.push(`New questions (${String(questions.length)}):`, '');
        for (const q of questions) {
          lines.push(`- #${String(q.id)} from ${q.pseudonym} [${q.topic}]: ${excerpt(q.body)}`);
          lines.push(`  ${new URL(`/desk/questions/${String(q.id)}`, siteUrl).href}`);
        }
        lines.push('');
      }
      if (held.length > 0) {
        lines.push(`Replies waiting for moderation (${String(held.length)}):`, '');
        for (const r of held) {
          lines.push(`- #${String(r.id)} by ${r.author_name} on ${r.letter_id}: ${excerpt(r.body_markdown)}`);
        }
        lines.push(`  ${new URL('/desk/replies?status=held', siteUrl).href}`, '');
      }
      const subject = `Dear PurseBop desk: ${countOf(questions.length, 'new question', 'new questions')}, ${countOf(held.length, 'held reply', 'held replies')}`;
      for (const e of editors) {
        await enqueueMail(tx, { kind: 'editor-digest', recipient: e.email, subject, bodyText: lines.join('\n') }, now);
      }
      return editors.length;
    })
    .catch((err: unknown) => {
      if (err instanceof DigestRaceError) return 0;
      throw err;
    });
}

class DigestRaceError extends Error {}

/**
 * One message per published reply to a published reply whose author asked to hear about
 * replies and confirmed the address for that author key (see confirm.ts): a typed address
 * alone never receives anything. The subject is fixed, so no visitor picks what an inbox
 * shows first. `notified_replies` makes each announcement happen once, whichever instance
 * gets there first.
 */
export async function queueReplyNotifications(db: Db, siteUrl: string, now = Date.now()): Promise<number> {
  const rows = await db.all<{
    id: number;
    letter_id: string;
    author_name: string;
    body_markdown: string;
    parent_name: string;
    parent_email: string;
  }>(
    `SELECT c.id, c.letter_id, c.author_name, c.body_markdown, p.author_name AS parent_name, p.author_email AS parent_email
     FROM replies c JOIN replies p ON p.id = c.parent_id
     WHERE c.status = 'published' AND c.deleted_at IS NULL AND c.created_at >= ?
       AND p.status = 'published' AND p.notify_replies = 1 AND p.author_email IS NOT NULL AND p.deleted_at IS NULL
       AND EXISTS (SELECT 1 FROM notify_confirmations k
                   WHERE k.email = LOWER(p.author_email) AND k.replier_key = p.replier_key)
       AND c.replier_key <> p.replier_key
       AND NOT EXISTS (SELECT 1 FROM notified_replies n WHERE n.reply_id = c.id)
       AND NOT EXISTS (SELECT 1 FROM notify_unsubscribes u WHERE u.email = LOWER(p.author_email))
     ORDER BY c.id`,
    [now - REPLY_NOTIFY_WINDOW_MS],
  );
  let queued = 0;
  for (const r of rows) {
    const recipient = r.parent_email.trim().toLowerCase();
    const done = await db.transaction(async (tx) => {
      const claimed = await tx.run(
        'INSERT INTO notified_replies (reply_id, notified_at) VALUES (?, ?) ON CONFLICT (reply_id) DO NOTHING',
        [r.id, now],
      );
      if (claimed.changes === 0) return false;
      const link = new URL(`/letters/${r.letter_id}/#reply-${String(r.id)}`, siteUrl).href;
      const unsubscribe = unsubscribeUrl(siteUrl, recipient);
      const bodyText = [
        `Hello ${r.parent_name},`,
        '',
        `${r.author_name} replied to your reply on Dear PurseBop:`,
        '',
        excerpt(r.body_markdown, 600),
        '',
        `Read it here: ${link}`,
        '',
        'You are getting this because you asked to be told about replies.',
        `Stop these emails with one click: ${unsubscribe}`,
      ].join('\n');
      await enqueueMail(
        tx,
        {
          kind: 'reply-notification',
          recipient,
          subject: REPLY_NOTIFICATION_SUBJECT,
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
