import { constants } from 'node:fs';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Editor } from '../auth/editors';
import type { Db } from '../db';
import { buildLetterDraft, type LetterDraft } from './letter-draft';
import type { DraftKnownIds } from '../../schemas/letter-draft';
import type { Question } from '../questions/repository';
import { config } from '../config';
import { recordAudit } from './audit';

/**
 * `stored`: kept in the database for `npm run drafts:pull` (any number of instances);
 * `written`: put straight into the letters folder (DRAFT_STORE=files, one machine).
 */
export type DraftOutcome =
  | { stored: true; written: false; id: number; draft: LetterDraft }
  | { stored: false; written: true; file: string; draft: LetterDraft }
  | { stored: false; written: false; reason: 'read-only' | 'exists'; draft: LetterDraft };

export interface StoredDraft {
  id: number;
  questionId: number;
  fileName: string;
  content: string;
  columnist: string;
  createdBy: string;
  createdAt: number;
  pulledAt: number | null;
}

interface DraftRow {
  id: number;
  question_id: number;
  file_name: string;
  content: string;
  columnist: string;
  created_by: string | null;
  created_at: number;
  pulled_at: number | null;
}

const toDraft = (r: DraftRow): StoredDraft => ({
  id: r.id,
  questionId: r.question_id,
  fileName: r.file_name,
  content: r.content,
  columnist: r.columnist,
  createdBy: r.created_by ?? 'a former editor',
  createdAt: r.created_at,
  pulledAt: r.pulled_at,
});

/** Saves a draft; undefined when one with the same file name is already there. */
export async function insertDraft(
  db: Db,
  d: { questionId: number; draft: LetterDraft; columnist: string; editorId: number },
  now = Date.now(),
): Promise<number | undefined> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO letter_drafts (question_id, file_name, content, columnist, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (file_name) DO NOTHING RETURNING id`,
    [d.questionId, d.draft.fileName, d.draft.content, d.columnist, d.editorId, now],
  );
  return row?.id;
}

/** Drafts newest first; `pending` narrows to those not yet pulled into a letters folder. */
export async function listDrafts(db: Db, opts: { pending: boolean; limit: number }): Promise<StoredDraft[]> {
  const rows = await db.all<DraftRow>(
    `SELECT d.id, d.question_id, d.file_name, d.content, d.columnist, e.display_name AS created_by, d.created_at, d.pulled_at
     FROM letter_drafts d LEFT JOIN editors e ON e.id = d.created_by
     ${opts.pending ? 'WHERE d.pulled_at IS NULL' : ''}
     ORDER BY d.id DESC LIMIT ?`,
    [opts.limit],
  );
  return rows.map(toDraft);
}

export async function markDraftPulled(db: Db, id: number, now = Date.now()): Promise<void> {
  await db.run('UPDATE letter_drafts SET pulled_at = ? WHERE id = ? AND pulled_at IS NULL', [now, id]);
}

export interface PullReport {
  written: string[];
  /** A file of that name was already there with other text; the draft stays pending. */
  conflicts: string[];
}

/**
 * Writes every pending draft into `dir` and marks it pulled. A file is never overwritten:
 * one with the same text counts as pulled (a run that stopped between writing and marking),
 * one with different text is reported and the draft waits.
 */
export async function pullDrafts(db: Db, dir: string, now = Date.now()): Promise<PullReport> {
  const report: PullReport = { written: [], conflicts: [] };
  await mkdir(dir, { recursive: true });
  const pending = await listDrafts(db, { pending: true, limit: 10_000 });
  for (const d of pending.reverse()) {
    const file = path.join(dir, d.fileName);
    try {
      await writeFile(file, d.content, { flag: 'wx' });
      report.written.push(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if ((await readFile(file, 'utf8')) !== d.content) {
        report.conflicts.push(file);
        continue;
      }
    }
    await markDraftPulled(db, d.id, now);
  }
  return report;
}

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
  options: DraftKnownIds & { columnist: string; now?: Date; dir?: string; store?: 'database' | 'files' },
): Promise<DraftOutcome> {
  const now = options.now ?? new Date();
  const draft = buildLetterDraft(question, {
    columnist: options.columnist,
    now,
    topics: options.topics,
    columnists: options.columnists,
  });
  let outcome: DraftOutcome;
  if ((options.store ?? config().DRAFT_STORE) === 'database') {
    const id = await insertDraft(
      db,
      { questionId: question.id, draft, columnist: options.columnist, editorId: editor.id },
      now.getTime(),
    );
    outcome =
      id === undefined
        ? { stored: false, written: false, reason: 'exists', draft }
        : { stored: true, written: false, id, draft };
  } else {
    outcome = await writeDraftFile(draft, options.dir ?? config().lettersDir);
  }
  await recordAudit(
    db,
    {
      editor,
      action: 'question.draft',
      targetType: 'question',
      targetId: question.id,
      detail: `${auditVerb(outcome)} ${draft.fileName}`,
    },
    now.getTime(),
  );
  return outcome;
}

function auditVerb(outcome: DraftOutcome): string {
  if (outcome.stored) return 'stored';
  if (outcome.written) return 'wrote';
  return outcome.reason === 'exists' ? 'already there:' : 'download';
}

/** The single-machine path: straight into the letters folder, never over an existing file. */
async function writeDraftFile(draft: LetterDraft, dir: string): Promise<DraftOutcome> {
  if (!(await writable(dir))) return { stored: false, written: false, reason: 'read-only', draft };
  const file = path.join(dir, draft.fileName);
  try {
    await writeFile(file, draft.content, { flag: 'wx' });
    return { stored: false, written: true, file, draft };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { stored: false, written: false, reason: 'exists', draft };
  }
}
