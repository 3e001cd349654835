import type { Db } from '../db';
import { QUESTION_STATES, type QuestionState } from '../../schemas/question';

/** How many questions sit in each inbox state. */
export async function countQuestionsByState(db: Db): Promise<Record<QuestionState, number>> {
  const rows = await db.all<{ state: QuestionState; n: number }>(
    'SELECT state, COUNT(*) AS n FROM questions GROUP BY state',
  );
  const counts = Object.fromEntries(QUESTION_STATES.map((s) => [s, 0])) as Record<QuestionState, number>;
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}
