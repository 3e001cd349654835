import type { Editor } from '../auth/editors';
import type { Db } from '../db';
import { setQuestionState, type Question } from '../questions/repository';
import { recordAudit } from './audit';

export class InboxError extends Error {
  override name = 'InboxError';
}

export type InboxAction =
  | { kind: 'shortlist'; note?: string | undefined }
  | { kind: 'decline'; note?: string | undefined }
  | { kind: 'reopen'; note?: string | undefined }
  | { kind: 'answer'; letterSlug: string; note?: string | undefined };

const TARGET_STATE = { shortlist: 'shortlisted', decline: 'declined', reopen: 'received', answer: 'answered' } as const;

/**
 * Moves a question along the inbox and audits it. `publishedLetters` are the slugs the
 * site shows: a question can only be marked answered by a letter readers can reach.
 */
export async function actOnQuestion(
  db: Db,
  editor: Editor,
  id: number,
  action: InboxAction,
  publishedLetters: ReadonlySet<string>,
  now = Date.now(),
): Promise<Question> {
  if (action.kind === 'answer' && !publishedLetters.has(action.letterSlug)) {
    throw new InboxError('Choose a published letter to mark the question answered.');
  }
  const updated = await setQuestionState(
    db,
    id,
    {
      state: TARGET_STATE[action.kind],
      by: editor.displayName,
      letterSlug: action.kind === 'answer' ? action.letterSlug : undefined,
      note: action.note,
    },
    now,
  );
  if (!updated) throw new InboxError('That question no longer exists.');
  await recordAudit(
    db,
    {
      editor,
      action: `question.${action.kind}`,
      targetType: 'question',
      targetId: id,
      ...(action.kind === 'answer' ? { detail: `letter ${action.letterSlug}` } : {}),
    },
    now,
  );
  return updated;
}
