import type { Db } from '../db';
import type { Editor } from '../auth/editors';

export interface AuditEntry {
  id: number;
  editorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: string | null;
  createdAt: number;
}

/** Records one editor action; call it inside the same transaction as the change it describes. */
export async function recordAudit(
  db: Db,
  entry: { editor: Editor | null; action: string; targetType: string; targetId: string | number; detail?: string },
  now = Date.now(),
): Promise<void> {
  await db.run(
    'INSERT INTO audit_log (editor_id, editor_email, action, target_type, target_id, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      entry.editor?.id ?? null,
      entry.editor?.email ?? 'system',
      entry.action,
      entry.targetType,
      String(entry.targetId),
      entry.detail ?? null,
      now,
    ],
  );
}

/** Newest first. */
export async function listAudit(db: Db, opts: { limit: number; offset: number }): Promise<AuditEntry[]> {
  const rows = await db.all<{
    id: number;
    editor_email: string;
    action: string;
    target_type: string;
    target_id: string;
    detail: string | null;
    created_at: number;
  }>(
    'SELECT id, editor_email, action, target_type, target_id, detail, created_at FROM audit_log ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?',
    [opts.limit, opts.offset],
  );
  return rows.map((r) => ({
    id: r.id,
    editorEmail: r.editor_email,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: r.detail,
    createdAt: r.created_at,
  }));
}

/** The file the question's latest "Start a draft" wrote, from its audit entry. */
export async function latestDraftFile(db: Db, questionId: number): Promise<string | undefined> {
  const row = await db.get<{ detail: string | null }>(
    `SELECT detail FROM audit_log WHERE action = 'question.draft' AND target_type = 'question' AND target_id = ?
     ORDER BY id DESC LIMIT 1`,
    [String(questionId)],
  );
  const m = /^(?:wrote|stored) (\S+)$/.exec(row?.detail ?? '');
  return m?.[1];
}

export async function countAudit(db: Db): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
  return row?.n ?? 0;
}
