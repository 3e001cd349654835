import type { Editor } from '../auth/editors';
import type { Db } from '../db';
import { ColumnistReplyError, replyAsColumnist, replyBodySchema } from './moderation';

export type ColumnistFormOutcome = { ok: true; replyId: number } | { ok: false; error: string; body: string };

/** Shared by the two pages with a columnist reply form: validates the fields, then publishes. */
export async function handleColumnistForm(
  db: Db,
  editor: Editor,
  form: FormData,
  target: { letterId: string; parentId: number | null },
  columnists: readonly { id: string; name: string }[],
): Promise<ColumnistFormOutcome> {
  const raw = form.get('body');
  const body = typeof raw === 'string' ? raw : '';
  const columnist = columnists.find((c) => c.id === form.get('columnist'));
  if (!columnist) return { ok: false, error: 'Choose which columnist signs the reply.', body };
  const parsed = replyBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'The reply is not valid.', body };
  try {
    const row = await replyAsColumnist(db, editor, { ...target, columnistName: columnist.name, body: parsed.data });
    return { ok: true, replyId: row.id };
  } catch (err) {
    if (err instanceof ColumnistReplyError) return { ok: false, error: err.message, body };
    throw err;
  }
}
