import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Editor } from '../auth/editors';
import type { Db } from '../db';
import { buildLetterDraft, type LetterDraft } from '../../lib/letter-draft';
import type { DraftKnownIds } from '../../schemas/letter-draft';
import type { Question } from '../questions/repository';
import { recordAudit } from './audit';

/** The letters folder the site builds from, relative to where the server was started. */
export function lettersDir(): string {
  return path.resolve(process.cwd(), process.env.CONTENT_DIR ?? 'content', 'letters');
}

export type DraftOutcome =
  | { written: true; file: string; draft: LetterDraft }
  | { written: false; reason: 'read-only' | 'exists'; draft: LetterDraft };

async function writable(dir: string): Promise<boolean> {
  try {
    await access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the draft into the letters folder when the server can (running locally); an
 * existing file is never overwritten. Otherwise the caller offers the draft as a download.
 * A question whose topic or signature fails the live rules throws DraftInputError.
 */
export async function startDraft(
  db: Db,
  editor: Editor,
  question: Question,
  options: DraftKnownIds & { columnist: string; now?: Date; dir?: string },
): Promise<DraftOutcome> {
  const now = options.now ?? new Date();
  const draft = buildLetterDraft(question, {
    columnist: options.columnist,
    now,
    topics: options.topics,
    columnists: options.columnists,
  });
  const dir = options.dir ?? lettersDir();
  let outcome: DraftOutcome = { written: false, reason: 'read-only', draft };
  if (await writable(dir)) {
    const file = path.join(dir, draft.fileName);
    try {
      await writeFile(file, draft.content, { flag: 'wx' });
      outcome = { written: true, file, draft };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      outcome = { written: false, reason: 'exists', draft };
    }
  }
  await recordAudit(
    db,
    {
      editor,
      action: 'question.draft',
      targetType: 'question',
      targetId: question.id,
      detail: `${outcome.written ? 'wrote' : outcome.reason === 'exists' ? 'already there:' : 'download'} ${draft.fileName}`,
    },
    now.getTime(),
  );
  return outcome;
}
