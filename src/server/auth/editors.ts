import { z } from 'astro/zod';
import type { Db } from '../db';
import { hashPassword, passwordProblem } from './password';

export interface Editor {
  id: number;
  email: string;
  displayName: string;
}

interface EditorRow {
  id: number;
  email: string;
  display_name: string;
  password_hash: string;
  disabled: number;
}

export const editorInputSchema = z.object({
  /** Sign-in address, compared case-insensitively. */
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Give a valid email address.' })),
  /** Name shown in the desk and the audit log. */
  displayName: z.string().trim().min(1, 'Give a display name.').max(80, 'The display name is too long.'),
  /** Plain password; only its scrypt hash is stored. */
  password: z.string().superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

export type EditorInput = z.input<typeof editorInputSchema>;

export class EditorInputError extends Error {
  override name = 'EditorInputError';
}

/** Creates an editor, or resets the password and name of an existing one with the same email. */
export async function upsertEditor(
  db: Db,
  input: EditorInput,
  now = Date.now(),
): Promise<Editor & { created: boolean }> {
  const parsed = editorInputSchema.safeParse(input);
  if (!parsed.success) throw new EditorInputError(parsed.error.issues.map((i) => i.message).join(' '));
  const { email, displayName, password } = parsed.data;
  const hash = await hashPassword(password);
  const existing = await db.get<{ id: number }>('SELECT id FROM editors WHERE email = ?', [email]);
  if (existing) {
    await db.run('UPDATE editors SET display_name = ?, password_hash = ?, updated_at = ?, disabled = 0 WHERE id = ?', [
      displayName,
      hash,
      now,
      existing.id,
    ]);
    // A new password ends every session opened with the old one.
    await db.run('DELETE FROM editor_sessions WHERE editor_id = ?', [existing.id]);
    return { id: existing.id, email, displayName, created: false };
  }
  const row = await db.get<{ id: number }>(
    'INSERT INTO editors (email, display_name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    [email, displayName, hash, now, now],
  );
  if (!row) throw new Error('Inserting the editor returned no id');
  return { id: row.id, email, displayName, created: true };
}

/** The active editor with this sign-in address, with the stored hash for checking. */
export async function findEditorForLogin(
  db: Db,
  email: string,
): Promise<(Editor & { passwordHash: string }) | undefined> {
  const row = await db.get<EditorRow>(
    'SELECT id, email, display_name, password_hash, disabled FROM editors WHERE email = ?',
    [email.trim().toLowerCase()],
  );
  if (!row || row.disabled) return undefined;
  return { id: row.id, email: row.email, displayName: row.display_name, passwordHash: row.password_hash };
}
