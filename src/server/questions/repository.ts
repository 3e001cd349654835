import type { Db, SqlValue } from '../db';
import { contentFingerprint } from '../spam';
import { QUESTION_STATES, type QuestionState } from '../../schemas/question';
import { generateStatusToken, hashStatusToken, isWellFormedStatusToken } from './tokens';

/** A stored question as the rest of the server sees it (the token hash stays inside this module). */
export interface Question {
  id: number;
  pseudonym: string;
  /** Never published; only editors see it. */
  email: string | null;
  /** Topic id from content/topics.json. */
  topic: string;
  body: string;
  consent: boolean;
  state: QuestionState;
  /** The published letter's slug, once answered. */
  letterSlug: string | null;
  /** Why it was set aside as suspected spam; null for an ordinary question. */
  spamReason: string | null;
  /** Who sent it (address-derived); used for duplicate checks. */
  clientKey: string;
  createdAt: number;
  updatedAt: number;
}

/** One step in a question's history. */
export interface QuestionEvent {
  id: number;
  questionId: number;
  state: QuestionState;
  at: number;
  /** "visitor", "script", or an editor's name. */
  by: string;
  note: string | null;
}

export interface NewQuestion {
  pseudonym: string;
  email?: string | undefined;
  topic: string;
  body: string;
  consent: boolean;
  clientKey: string;
  /** Set aside as suspected spam for this reason: kept for the editors, out of the inbox. */
  spamReason?: string | undefined;
}

export type InsertOutcome = { ok: true; question: Question; token: string } | { ok: false; reason: 'duplicate' };

export interface QuestionFilter {
  state?: QuestionState | undefined;
  topic?: string | undefined;
  /** Case-insensitive text to find in the question or the pseudonym. */
  search?: string | undefined;
  /** Only the questions set aside as suspected spam; without it they are left out. */
  suspectedSpam?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface StateChange {
  state: QuestionState;
  by: string;
  /** Required when the state is "answered". */
  letterSlug?: string | undefined;
  note?: string | undefined;
}

/** Raised when a state change would leave the question inconsistent. */
export class QuestionStateError extends Error {
  override name = 'QuestionStateError';
}

interface QuestionRow {
  id: number;
  pseudonym: string;
  email: string | null;
  topic: string;
  body: string;
  consent: number;
  state: QuestionState;
  letter_slug: string | null;
  spam_reason: string | null;
  client_key: string;
  created_at: number;
  updated_at: number;
}

interface EventRow {
  id: number;
  question_id: number;
  state: QuestionState;
  at: number;
  by: string;
  note: string | null;
}

const COLUMNS =
  'id, pseudonym, email, topic, body, consent, state, letter_slug, spam_reason, client_key, created_at, updated_at';
const LETTER_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function noteOrNull(note: string | undefined): string | null {
  const t = note?.trim();
  return t === undefined || t === '' ? null : t;
}

function toQuestion(r: QuestionRow): Question {
  return {
    id: r.id,
    pseudonym: r.pseudonym,
    email: r.email,
    topic: r.topic,
    body: r.body,
    consent: r.consent === 1,
    state: r.state,
    letterSlug: r.letter_slug,
    spamReason: r.spam_reason,
    clientKey: r.client_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toEvent(r: EventRow): QuestionEvent {
  return {
    id: r.id,
    questionId: r.question_id,
    state: r.state,
    at: r.at,
    by: r.by,
    note: r.note,
  };
}

/**
 * Stores a new question in the "received" state with its first history entry, and
 * returns the private status token (only its hash is kept). The same text from the
 * same sender is refused, enforced by a unique index so two racing posts cannot both win.
 */
export async function insertQuestion(db: Db, q: NewQuestion, now = Date.now()): Promise<InsertOutcome> {
  const token = generateStatusToken();
  return db.transaction(async (tx) => {
    const row = await tx.get<QuestionRow>(
      `INSERT INTO questions (pseudonym, email, topic, body, consent, state, status_token_hash, client_key, fingerprint, spam_reason, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?)
       ON CONFLICT (client_key, fingerprint) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        q.pseudonym,
        q.email ?? null,
        q.topic,
        q.body,
        q.consent ? 1 : 0,
        hashStatusToken(token),
        q.clientKey,
        contentFingerprint(q.body),
        q.spamReason ?? null,
        now,
        now,
      ],
    );
    if (!row) return { ok: false, reason: 'duplicate' } as const;
    await tx.run(
      "INSERT INTO question_events (question_id, state, at, by, note) VALUES (?, 'received', ?, 'visitor', ?)",
      [row.id, now, q.spamReason ? `suspected spam: ${q.spamReason}` : null],
    );
    return { ok: true, question: toQuestion(row), token } as const;
  });
}

export async function getQuestion(db: Db, id: number): Promise<Question | undefined> {
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  const row = await db.get<QuestionRow>(`SELECT ${COLUMNS} FROM questions WHERE id = ?`, [id]);
  return row && toQuestion(row);
}

/** The question a status token belongs to; malformed tokens never reach the database. */
export async function getQuestionByToken(db: Db, token: string): Promise<Question | undefined> {
  if (!isWellFormedStatusToken(token)) return undefined;
  const row = await db.get<QuestionRow>(`SELECT ${COLUMNS} FROM questions WHERE status_token_hash = ?`, [
    hashStatusToken(token),
  ]);
  return row && toQuestion(row);
}

/** Questions newest first, optionally narrowed by state, topic and text. */
export async function listQuestions(db: Db, filter: QuestionFilter): Promise<Question[]> {
  const where: string[] = [filter.suspectedSpam ? 'spam_reason IS NOT NULL' : 'spam_reason IS NULL'];
  const params: SqlValue[] = [];
  if (filter.state) {
    where.push('state = ?');
    params.push(filter.state);
  }
  if (filter.topic) {
    where.push('topic = ?');
    params.push(filter.topic);
  }
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    // LOWER on both sides because LIKE is case-sensitive on PostgreSQL and not on SQLite.
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push("(LOWER(body) LIKE ? ESCAPE '\\' OR LOWER(pseudonym) LIKE ? ESCAPE '\\')");
    params.push(pattern, pattern);
  }
  const rows = await db.all<QuestionRow>(
    `SELECT ${COLUMNS} FROM questions WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    [...params, Math.max(0, Math.floor(filter.limit)), Math.max(0, Math.floor(filter.offset))],
  );
  return rows.map(toQuestion);
}

/**
 * Moves a question to a new state and records who did it. "answered" needs the slug of
 * the published letter; any other state clears it. Returns undefined for an unknown id.
 * An editor's decision also lifts a suspected-spam mark: someone has now read the question.
 */
export async function setQuestionState(
  db: Db,
  id: number,
  change: StateChange,
  now = Date.now(),
): Promise<Question | undefined> {
  if (!QUESTION_STATES.includes(change.state)) throw new QuestionStateError(`Unknown state "${change.state}".`);
  if (!change.by.trim()) throw new QuestionStateError('A state change must say who made it.');
  const slug = change.state === 'answered' ? change.letterSlug : undefined;
  if (change.state === 'answered' && (!slug || !LETTER_SLUG.test(slug))) {
    throw new QuestionStateError('An answered question needs the slug of its letter, e.g. "my-sa-left".');
  }
  return db.transaction(async (tx) => {
    const row = await tx.get<QuestionRow>(
      `UPDATE questions SET state = ?, letter_slug = ?, spam_reason = NULL, updated_at = ? WHERE id = ? RETURNING ${COLUMNS}`,
      [change.state, slug ?? null, now, id],
    );
    if (!row) return undefined;
    await tx.run('INSERT INTO question_events (question_id, state, at, by, note) VALUES (?, ?, ?, ?, ?)', [
      id,
      change.state,
      now,
      change.by.trim(),
      noteOrNull(change.note),
    ]);
    return toQuestion(row);
  });
}

/** A question's history, oldest first. */
export async function listQuestionEvents(db: Db, questionId: number): Promise<QuestionEvent[]> {
  const rows = await db.all<EventRow>(
    'SELECT id, question_id, state, at, by, note FROM question_events WHERE question_id = ? ORDER BY at, id',
    [questionId],
  );
  return rows.map(toEvent);
}
