// Opens the configured database (SQLite file or DATABASE_URL) and applies pending migrations.
import { config } from '../src/server/config';
import { openDb } from '../src/server/db';

const c = config();
const db = await openDb({ databaseUrl: c.DATABASE_URL, sqliteFile: c.sqliteFile });
const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
console.log(
  `Database ready (${c.DATABASE_URL ? 'PostgreSQL' : c.sqliteFile}), ${String(row?.n ?? 0)} migrations applied.`,
);
await db.close();
