// npm run drafts:pull — on the machine that builds the site: writes the drafts editors started in
// the desk into the letters folder (LETTERS_DIR, else CONTENT_DIR/letters) and marks them pulled.
import { countOf } from '../../src/lib/plural';
import { configOrExit } from '../../src/server/config';
import { getDb } from '../../src/server/db';
import { pullDrafts } from '../../src/server/desk/drafts';
import { describeDbError } from '../../src/server/db/errors';

const c = configOrExit();
try {
  const db = await getDb();
  try {
    const report = await pullDrafts(db, c.lettersDir);
    for (const file of report.written) console.log(`Wrote ${file}`);
    for (const file of report.conflicts) {
      console.error(
        `Skipped ${file}: a different file of that name is already there (rename or remove it, then pull again).`,
      );
    }
    console.log(
      report.written.length === 0 && report.conflicts.length === 0
        ? 'No drafts are waiting.'
        : `${countOf(report.written.length, 'draft', 'drafts')} written, ${String(report.conflicts.length)} left waiting.`,
    );
    if (report.conflicts.length > 0) process.exitCode = 1;
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(`drafts:pull failed: ${describeDbError(err)}`);
  process.exitCode = 1;
}
