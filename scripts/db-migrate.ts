// npm run db:migrate — opens the configured database (SQLite file or DATABASE_URL) and applies
// pending migrations. A failure is one line on stderr and exit status 1, never a stack trace.
import { configOrExit } from '../src/server/config';
import { openDb } from '../src/server/db';
import { describeDbError } from '../src/server/db/errors';

const c = configOrExit();
const where = c.DATABASE_URL ? 'PostgreSQL' : c.sqliteFile;
try {
  const db = await openDb({ databaseUrl: c.DATABASE_URL, sqliteFile: c.sqliteFile });
  const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
  console.log(`Database ready (${where}), ${String(row?.n ?? 0)} migrations applied.`);
  await db.close();
} catch (err) {
  console.error(`Database migration failed (${where}): ${describeDbError(err)}`);
  process.exitCode = 1;
}
