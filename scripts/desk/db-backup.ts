// npm run db:backup [-- --out data/backups/copy.sqlite]
// An online copy of the SQLite file, consistent even while the server keeps writing.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../../src/server/config';
import { backupSqlite } from '../../src/server/db/sqlite';

function defaultTarget(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return path.resolve(process.cwd(), 'data', 'backups', `pursebop-${stamp}.sqlite`);
}

function main(): number {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const c = config();
  if (c.DATABASE_URL) {
    console.error('DATABASE_URL is set: this site runs on PostgreSQL. Back it up with pg_dump instead.');
    return 2;
  }
  if (!existsSync(c.sqliteFile)) {
    console.error(`There is no database at ${c.sqliteFile} yet (set SQLITE_PATH if it lives elsewhere).`);
    return 1;
  }
  const target = path.resolve(process.cwd(), values.out ?? defaultTarget());
  if (existsSync(target)) {
    console.error(`${target} already exists; choose another --out.`);
    return 1;
  }
  // Backups hold what the database holds: a folder of the owner's alone.
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  backupSqlite(c.sqliteFile, target);
  console.log(`Backed up ${c.sqliteFile} to ${target}.`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
