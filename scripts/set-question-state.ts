// Moves one question to a new state, as the desk will: npm run question:state -- <id|token> <state> [letter-slug]
// For tests and the odd manual fix; the change is recorded in the question's history "by script".
import { config } from '../src/server/config';
import { openDb } from '../src/server/db';
import {
  getQuestion,
  getQuestionByToken,
  QuestionStateError,
  setQuestionState,
} from '../src/server/questions/repository';
import { QUESTION_STATES, questionStateSchema } from '../src/schemas/question';

const usage = `Usage: npm run question:state -- <id|token> <state> [letter-slug]
  state: ${QUESTION_STATES.join(' | ')}; "answered" needs the slug of the published letter.`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const [ref, stateArg, letterSlug] = process.argv.slice(2);
if (!ref || !stateArg) fail('Missing arguments.');
const state = questionStateSchema.safeParse(stateArg);
if (!state.success) fail(`Unknown state "${stateArg}".`);

const c = config();
const db = await openDb({ databaseUrl: c.DATABASE_URL, sqliteFile: c.sqliteFile });
try {
  const question = /^\d+$/.test(ref) ? await getQuestion(db, Number(ref)) : await getQuestionByToken(db, ref);
  if (!question) fail(`No question matches "${ref}".`);
  const updated = await setQuestionState(db, question.id, { state: state.data, by: 'script', letterSlug });
  console.log(
    `Question ${String(updated?.id)} is now ${state.data}${updated?.letterSlug ? ` (${updated.letterSlug})` : ''}.`,
  );
} catch (err) {
  if (err instanceof QuestionStateError) fail(err.message);
  throw err;
} finally {
  await db.close();
}
