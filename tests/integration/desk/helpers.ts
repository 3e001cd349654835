import type { Editor } from '../../../src/server/auth/editors';
import type { Db } from '../../../src/server/db';
import { insertQuestion } from '../../../src/server/questions/repository';
import { insertReply, type ReplyRow, type ReplyStatus } from '../../../src/server/replies/repository';

let seq = 0;

/** An editor row without paying for scrypt in every test. */
export async function makeEditor(db: Db, name = 'Ed'): Promise<Editor> {
  const email = `${name.toLowerCase()}${String(++seq)}@example.com`;
  const row = await db.get<{ id: number }>(
    "INSERT INTO editors (email, display_name, password_hash, created_at, updated_at) VALUES (?, ?, 'scrypt$x', 0, 0) RETURNING id",
    [email, name],
  );
  if (!row) throw new Error('no editor id');
  return { id: row.id, email, displayName: name };
}

export function makeReply(
  db: Db,
  r: Partial<{
    letterId: string;
    parentId: number | null;
    depth: number;
    name: string;
    email: string | null;
    notify: boolean;
    body: string;
    status: ReplyStatus;
    now: number;
  }> = {},
): Promise<ReplyRow> {
  const name = r.name ?? `Reader ${String(++seq)}`;
  return insertReply(db, {
    letterId: r.letterId ?? 'my-sa-left',
    parentId: r.parentId ?? null,
    depth: r.depth ?? 1,
    authorName: name,
    authorEmail: r.email ?? null,
    notifyReplies: r.notify ?? false,
    bodyMarkdown: r.body ?? `A thoughtful reply number ${String(seq)}.`,
    status: r.status ?? 'held',
    holdReason: r.status === 'held' || r.status === undefined ? 'first-time replier' : null,
    isColumnist: false,
    clientKey: `client-${name}`,
    replierKey: `replier-${name}`,
    now: r.now ?? Date.now(),
  });
}

export async function makeQuestion(
  db: Db,
  q: Partial<{ pseudonym: string; topic: string; body: string; email: string }> = {},
  now = Date.now(),
) {
  const n = ++seq;
  const outcome = await insertQuestion(
    db,
    {
      pseudonym: q.pseudonym ?? `Asker ${String(n)}`,
      topic: q.topic ?? 'first-bag',
      body: q.body ?? `Which first bag should I buy, question ${String(n)}?`,
      consent: true,
      email: q.email,
      clientKey: `asker-${String(n)}`,
    },
    now,
  );
  if (!outcome.ok) throw new Error('duplicate question');
  return outcome.question;
}
