import type { Db } from '../db';
import { QUESTION_STATES, type QuestionState } from '../../schemas/question';

/** How many questions sit in each inbox state (those set aside as suspected spam are counted apart). */
export async function countQuestionsByState(db: Db): Promise<Record<QuestionState, number>> {
  const rows = await db.all<{ state: QuestionState; n: number }>(
    'SELECT state, COUNT(*) AS n FROM questions WHERE spam_reason IS NULL GROUP BY state',
  );
  const counts = Object.fromEntries(QUESTION_STATES.map((s) => [s, 0])) as Record<QuestionState, number>;
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

/** How many questions are set aside as suspected spam. */
export async function countSuspectedSpamQuestions(db: Db): Promise<number> {
  const row = await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM questions WHERE spam_reason IS NOT NULL');
  return Number(row?.n ?? 0);
}
