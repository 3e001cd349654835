import type { Db, SqlValue } from '../db';
import { contentFingerprint } from '../spam';
import { renderReplyMarkdown } from './markdown';
import { replyStatuses, type ReplyRow, type ReplyStatus } from './types';

export type { ReplyRow, ReplyStatus } from './types';

/** `?, ?, ?` for an `IN (…)` list of n parameters (n ≥ 1: `IN ()` is not SQL). */
export function placeholders(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`an IN list needs at least one value, got ${String(n)}`);
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Deepest nesting level; a reply to a reply at this level becomes its sibling. */
export const MAX_DEPTH = 4;

/** What a caller supplies to store a reply; the HTML and fingerprint are derived here. */
export interface NewReply {
  letterId: string;
  /** Already placed by placeReply (never deeper than MAX_DEPTH). */
  parentId: number | null;
  depth: number;
  authorName: string;
  authorEmail: string | null;
  notifyReplies: boolean;
  bodyMarkdown: string;
  status: ReplyStatus;
  holdReason: string | null;
  isColumnist: boolean;
  clientKey: string;
  replierKey: string;
  now: number;
}

/** Stores a reply, rendering and sanitizing its body once; tells listeners when it is public at once. */
export async function insertReply(db: Db, r: NewReply): Promise<ReplyRow> {
  // The version bump below is the durable write: it commits with this row (or after it), so the
  // reply is on disk when the caller is answered, at the cost of one group commit instead of two.
  const row = await db.get<ReplyRow>(
    `INSERT INTO replies (letter_id, parent_id, depth, author_name, author_email, notify_replies, body_markdown,
       body_html, status, hold_reason, is_columnist, client_key, replier_key, fingerprint, helpful_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING *`,
    [
      r.letterId,
      r.parentId,
      r.depth,
      r.authorName,
      r.authorEmail,
      r.notifyReplies ? 1 : 0,
      r.bodyMarkdown,
      renderReplyMarkdown(r.bodyMarkdown),
      r.status,
      r.holdReason,
      r.isColumnist ? 1 : 0,
      r.clientKey,
      r.replierKey,
      contentFingerprint(r.bodyMarkdown),
      r.now,
      r.now,
    ],
    { durable: false },
  );
  if (!row) throw new Error('insert into replies returned no row');
  await bumpThread(db, row.letter_id);
  return row;
}

/** A reply written by the columnist from the desk: published at once and badged. */
export function insertColumnistReply(
  db: Db,
  r: {
    letterId: string;
    parentId: number | null;
    depth: number;
    authorName: string;
    bodyMarkdown: string;
    now?: number;
  },
): Promise<ReplyRow> {
  return insertReply(db, {
    ...r,
    authorEmail: null,
    notifyReplies: false,
    status: 'published',
    holdReason: null,
    isColumnist: true,
    clientKey: 'desk',
    replierKey: 'desk',
    now: r.now ?? Date.now(),
  });
}

export type Placement = { parentId: number | null; depth: number } | 'missing' | 'foreign';

/**
 * Where a new reply goes under `parentId`: one level below it, or beside it once the
 * thread is MAX_DEPTH deep. A parent that is gone, refused or on another letter is reported.
 */
export async function placeReply(db: Db, letterId: string, parentId: number | null): Promise<Placement> {
  if (parentId === null) return { parentId: null, depth: 1 };
  const parent = await getReply(db, parentId);
  if (parent?.deleted_at !== null || parent.status === 'rejected' || parent.status === 'spam') return 'missing';
  if (parent.letter_id !== letterId) return 'foreign';
  if (parent.depth < MAX_DEPTH) return { parentId: parent.id, depth: parent.depth + 1 };
  return { parentId: parent.parent_id, depth: MAX_DEPTH };
}

export function getReply(db: Db, id: number): Promise<ReplyRow | undefined> {
  return db.get<ReplyRow>('SELECT * FROM replies WHERE id = ?', [id]);
}

/**
 * Every reply of a letter a reader may see: published ones, plus the held replies whose
 * ids the reader proved are theirs (a reply kept as spam reads to its author as held, so a
 * quick human is never shown their text vanishing). Deleted replies come back too (as tombstones) so
 * the thread keeps its shape; the tree builder drops tombstones with no live children.
 */
export function listReplies(db: Db, letterId: string, ownHeldIds: readonly number[] = []): Promise<ReplyRow[]> {
  const own = ownHeldIds.slice(0, 50);
  const ownClause = own.length > 0 ? ` OR (status IN ('held', 'spam') AND id IN (${placeholders(own.length)}))` : '';
  return db.all<ReplyRow>(
    `SELECT * FROM replies WHERE letter_id = ? AND (status = 'published'${ownClause}) ORDER BY created_at, id`,
    [letterId, ...own],
  );
}

/** The moderation queue, newest first. */
export function listRepliesForModeration(
  db: Db,
  q: { status?: ReplyStatus | undefined; letterId?: string | undefined; limit: number; offset: number },
): Promise<ReplyRow[]> {
  const where: string[] = ['deleted_at IS NULL'];
  const params: SqlValue[] = [];
  if (q.status) {
    where.push('status = ?');
    params.push(q.status);
  }
  if (q.letterId) {
    where.push('letter_id = ?');
    params.push(q.letterId);
  }
  return db.all<ReplyRow>(
    `SELECT * FROM replies WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
}

/** Moves a reply through moderation; approving also trusts its author from now on. */
export async function setReplyStatus(db: Db, id: number, status: ReplyStatus, now = Date.now()): Promise<boolean> {
  const result = await db.transaction(async (tx) => {
    const before = await getReply(tx, id);
    if (!before) return undefined;
    await tx.run('UPDATE replies SET status = ?, updated_at = ? WHERE id = ?', [status, now, id]);
    await bumpThreadOfReply(tx, id);
    if (status === 'published') await approveReplier(tx, before.replier_key, now);
    return true;
  });
  return result === true;
}

/**
 * Replaces a reply's text; the HTML is rendered and sanitized again, never taken from the caller.
 * Only the author's own change marks the reply as edited for readers; a moderator's tidy-up does not.
 * With `holdIfPublished`, a published reply goes back to held in the same statement, so no reader
 * ever sees the new text on a reply that is still published; other states are left as they are.
 */
export async function updateReplyBody(
  db: Db,
  id: number,
  markdown: string,
  now = Date.now(),
  { byAuthor = false, holdIfPublished }: { byAuthor?: boolean; holdIfPublished?: string } = {},
): Promise<ReplyRow | undefined> {
  const edited = byAuthor ? ', edited_at = ?' : '';
  // Both CASEs read the row as it was before this UPDATE.
  const hold =
    holdIfPublished === undefined
      ? ''
      : ", status = CASE WHEN status = 'published' THEN 'held' ELSE status END, hold_reason = CASE WHEN status = 'published' THEN ? ELSE hold_reason END";
  return db.transaction(async (tx) => {
    const row = await tx.get<ReplyRow>(
      `UPDATE replies SET body_markdown = ?, body_html = ?, fingerprint = ?, updated_at = ?${edited}${hold}
       WHERE id = ? RETURNING *`,
      [
        markdown,
        renderReplyMarkdown(markdown),
        contentFingerprint(markdown),
        now,
        ...(byAuthor ? [now] : []),
        ...(holdIfPublished === undefined ? [] : [holdIfPublished]),
        id,
      ],
    );
    if (row) await bumpThread(tx, row.letter_id);
    return row;
  });
}

/** Soft delete: the row stays for the thread's shape and the audit trail, its text is no longer served. */
export async function deleteReply(db: Db, id: number, now = Date.now()): Promise<boolean> {
  const r = await db.run('UPDATE replies SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL', [
    now,
    now,
    id,
  ]);
  if (r.changes > 0) await bumpThreadOfReply(db, id);
  return r.changes > 0;
}

/** Published, undeleted replies per letter, for the counts on list pages; letters with none are absent. */
export async function countPublishedRepliesByLetter(db: Db): Promise<Record<string, number>> {
  const rows = await db.all<{ letter_id: string; n: number | string }>(
    "SELECT letter_id, COUNT(*) AS n FROM replies WHERE status = 'published' AND deleted_at IS NULL GROUP BY letter_id",
  );
  return Object.fromEntries(rows.map((r) => [r.letter_id, Number(r.n)]));
}

/** How many replies sit in each moderation state (deleted ones aside). */
export async function countRepliesByStatus(db: Db): Promise<Record<ReplyStatus, number>> {
  const rows = await db.all<{ status: ReplyStatus; n: number }>(
    'SELECT status, COUNT(*) AS n FROM replies WHERE deleted_at IS NULL GROUP BY status',
  );
  const counts = Object.fromEntries(replyStatuses.map((s) => [s, 0])) as Record<ReplyStatus, number>;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** Counts one "Helpful" vote per voter per reply; a repeat vote changes nothing. */
export async function voteHelpful(
  db: Db,
  replyId: number,
  voterKey: string,
  now = Date.now(),
): Promise<{ counted: boolean; helpfulCount: number }> {
  return db.transaction(async (tx) => {
    const inserted = await tx.run(
      'INSERT INTO reply_votes (reply_id, voter_key, created_at) VALUES (?, ?, ?) ON CONFLICT (reply_id, voter_key) DO NOTHING',
      [replyId, voterKey, now],
    );
    if (inserted.changes > 0) {
      await tx.run('UPDATE replies SET helpful_count = helpful_count + 1 WHERE id = ?', [replyId]);
      await bumpThreadOfReply(tx, replyId);
    }
    const row = await tx.get<{ helpful_count: number }>('SELECT helpful_count FROM replies WHERE id = ?', [replyId]);
    return { counted: inserted.changes > 0, helpfulCount: row?.helpful_count ?? 0 };
  });
}

export async function approveReplier(db: Db, replierKey: string, now = Date.now()): Promise<void> {
  await db.run(
    'INSERT INTO approved_repliers (replier_key, approved_at) VALUES (?, ?) ON CONFLICT (replier_key) DO NOTHING',
    [replierKey, now],
  );
}

export async function isApprovedReplier(db: Db, replierKey: string): Promise<boolean> {
  return (await db.get('SELECT 1 AS ok FROM approved_repliers WHERE replier_key = ?', [replierKey])) !== undefined;
}

/** True when the same client posted the same text (modulo case and spacing) since `since`. */
export async function hasRecentDuplicate(db: Db, clientKey: string, body: string, since: number): Promise<boolean> {
  const row = await db.get(
    'SELECT 1 AS ok FROM replies WHERE client_key = ? AND fingerprint = ? AND created_at >= ? AND deleted_at IS NULL',
    [clientKey, contentFingerprint(body), since],
  );
  return row !== undefined;
}

const BUMP = 'ON CONFLICT (letter_id) DO UPDATE SET version = reply_threads.version + 1';

/** Marks a letter's thread as changed, so every cached page of it (and its ETag) is replaced. */
async function bumpThread(db: Db, letterId: string): Promise<void> {
  await db.run(`INSERT INTO reply_threads (letter_id, version) VALUES (?, 1) ${BUMP}`, [letterId]);
}

/** The same, for the letter a reply belongs to. */
async function bumpThreadOfReply(db: Db, replyId: number): Promise<void> {
  await db.run(`INSERT INTO reply_threads (letter_id, version) SELECT letter_id, 1 FROM replies WHERE id = ? ${BUMP}`, [
    replyId,
  ]);
}

/** The thread's current version; 0 before its first reply. */
export async function threadVersion(db: Db, letterId: string): Promise<number> {
  // PostgreSQL may hand integers back as strings.
  const row = await db.get<{ version: number | string }>('SELECT version FROM reply_threads WHERE letter_id = ?', [
    letterId,
  ]);
  return Number(row?.version ?? 0);
}

const rootOrder = {
  oldest: 'r.created_at, r.id',
  newest: 'r.created_at DESC, r.id DESC',
  helpful: 'r.helpful_count DESC, r.created_at, r.id',
} as const;

// A thread starts at a published reply whose parent readers cannot see (none, held, refused); a deleted
// one only stays while something published answers it (the tree builder drops the rest).
const ROOTS = `FROM replies r WHERE r.letter_id = ? AND r.status = 'published'
  AND (r.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM replies p WHERE p.id = r.parent_id AND p.status = 'published'))
  AND (r.deleted_at IS NULL OR EXISTS (SELECT 1 FROM replies c WHERE c.parent_id = r.id AND c.status = 'published'))`;

/** One page of a letter's public threads: the top-level replies of that page and everything under them. */
export async function listThreadPage(
  db: Db,
  letterId: string,
  sort: keyof typeof rootOrder,
  offset: number,
  limit: number,
): Promise<ReplyRow[]> {
  const roots = await db.all<ReplyRow>(`SELECT r.* ${ROOTS} ORDER BY ${rootOrder[sort]} LIMIT ? OFFSET ?`, [
    letterId,
    limit,
    offset,
  ]);
  if (roots.length === 0) return [];
  const below = await db.all<ReplyRow>(
    `WITH RECURSIVE below (id) AS (
       SELECT c.id FROM replies c WHERE c.parent_id IN (${placeholders(roots.length)}) AND c.status = 'published'
       UNION ALL
       SELECT c.id FROM replies c JOIN below b ON c.parent_id = b.id WHERE c.status = 'published'
     ) SELECT replies.* FROM replies JOIN below ON replies.id = below.id`,
    roots.map((r) => r.id),
  );
  return [...roots, ...below];
}

/** How many threads and readable replies a letter has, for page counts and "Showing n replies". */
export async function countThread(db: Db, letterId: string): Promise<{ threads: number; replies: number }> {
  const [threads, replies] = await Promise.all([
    db.get<{ n: number | string }>(`SELECT COUNT(*) AS n ${ROOTS}`, [letterId]),
    db.get<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM replies WHERE letter_id = ? AND status = 'published' AND deleted_at IS NULL",
      [letterId],
    ),
  ]);
  return { threads: Number(threads?.n ?? 0), replies: Number(replies?.n ?? 0) };
}

/** The held (or kept-as-spam) replies of a letter among those a reader proved are theirs (at most 50 ids). */
export function listOwnHeld(db: Db, letterId: string, ids: readonly number[]): Promise<ReplyRow[]> {
  const own = ids.slice(0, 50);
  if (own.length === 0) return Promise.resolve([]);
  return db.all<ReplyRow>(
    `SELECT * FROM replies WHERE letter_id = ? AND status IN ('held', 'spam') AND id IN (${placeholders(own.length)})`,
    [letterId, ...own],
  );
}
