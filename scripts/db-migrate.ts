// npm run db:migrate — opens the configured database (SQLite file or DATABASE_URL) and applies
// pending migrations. A failure is one line on stderr and exit status 1, never a stack trace.
// With --describe it only prints which database is configured (credentials left out).
import { configOrExit } from '../src/server/config';
import { openDb } from '../src/server/db';
import { describeDbError } from '../src/server/db/errors';

const c = configOrExit();
const where = c.DATABASE_URL ? postgresLabel(c.DATABASE_URL) : `SQLite file ${c.sqliteFile}`;

function postgresLabel(url: string): string {
  const u = new URL(url);
  return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

if (process.argv.includes('--describe')) {
  console.log(where);
} else {
  try {
    const db = await openDb({ databaseUrl: c.DATABASE_URL, sqliteFile: c.sqliteFile });
    const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
    console.log(`Database ready (${where}), ${String(row?.n ?? 0)} migrations applied.`);
    await db.close();
  } catch (err) {
    console.error(`Database migration failed (${where}): ${describeDbError(err)}`);
    process.exitCode = 1;
  }
}
