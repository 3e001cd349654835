import { z } from 'astro/zod';
import type { Editor } from '../auth/editors';
import type { Db } from '../db';
import {
  getReply,
  insertColumnistReply,
  placeReply,
  setReplyStatus,
  updateReplyBody,
  type ReplyRow,
  type ReplyStatus,
} from '../replies/repository';
import { recordAudit } from './audit';
import { REPLY_LIMITS, REPLY_MESSAGES } from '../../lib/reply-rules';
import { requiredText } from '../../schemas/form-fields';

/** What an editor can do to a reply from the queue; each lands the reply in one state. */
export const MODERATION_ACTIONS = {
  approve: 'published',
  reject: 'rejected',
  spam: 'spam',
  hold: 'held',
} as const satisfies Record<string, ReplyStatus>;

export type ModerationAction = keyof typeof MODERATION_ACTIONS;

export const moderationActionSchema = z.enum(['approve', 'reject', 'spam', 'hold'], {
  error: 'Choose an action: approve, reject, spam or hold.',
});

/** The same limit readers have, so an edit cannot sneak in what a reader could not post. */
export const replyBodySchema = requiredText(
  'The reply cannot be empty.',
  REPLY_LIMITS.bodyMax,
  REPLY_MESSAGES.bodyLong,
);

export interface ModerationResult {
  changed: number[];
  missing: number[];
}

/**
 * Applies one action to several replies (a single row is a batch of one). Each change is
 * written with its audit entry; an id that no longer exists is reported rather than failing the batch.
 */
export async function moderateReplies(
  db: Db,
  editor: Editor,
  ids: readonly number[],
  action: ModerationAction,
  now = Date.now(),
): Promise<ModerationResult> {
  const status = MODERATION_ACTIONS[action];
  const result: ModerationResult = { changed: [], missing: [] };
  for (const id of new Set(ids)) {
    const before = await getReply(db, id);
    if (before?.deleted_at !== null) {
      result.missing.push(id);
      continue;
    }
    // The change and its audit entry commit together, so the log never claims a change that did not happen.
    await db.transaction(async (tx) => {
      await setReplyStatus(tx, id, status, now);
      await recordAudit(
        tx,
        {
          editor,
          action: `reply.${action}`,
          targetType: 'reply',
          targetId: id,
          detail: `${before.status} → ${status}`,
        },
        now,
      );
    });
    result.changed.push(id);
  }
  return result;
}

/** Replaces a reply's text; the replies module renders and sanitizes it exactly as for readers. */
export async function editReplyAsEditor(
  db: Db,
  editor: Editor,
  id: number,
  markdown: string,
  now = Date.now(),
): Promise<ReplyRow | undefined> {
  const body = replyBodySchema.parse(markdown);
  return db.transaction(async (tx) => {
    const updated = await updateReplyBody(tx, id, body, now);
    if (updated) await recordAudit(tx, { editor, action: 'reply.edit', targetType: 'reply', targetId: id }, now);
    return updated;
  });
}

export class ColumnistReplyError extends Error {
  override name = 'ColumnistReplyError';
}

/** Publishes a badged reply as the columnist, at the top of the letter's thread or under a reply. */
export async function replyAsColumnist(
  db: Db,
  editor: Editor,
  input: { letterId: string; parentId: number | null; columnistName: string; body: string },
  now = Date.now(),
): Promise<ReplyRow> {
  const body = replyBodySchema.parse(input.body);
  const place = await placeReply(db, input.letterId, input.parentId);
  if (place === 'missing') throw new ColumnistReplyError('The reply you are answering is gone or was refused.');
  if (place === 'foreign') throw new ColumnistReplyError('That reply belongs to another letter.');
  const row = await insertColumnistReply(db, {
    letterId: input.letterId,
    parentId: place.parentId,
    depth: place.depth,
    authorName: input.columnistName,
    bodyMarkdown: body,
    now,
  });
  await recordAudit(
    db,
    { editor, action: 'reply.columnist', targetType: 'reply', targetId: row.id, detail: `on ${input.letterId}` },
    now,
  );
  return row;
}
