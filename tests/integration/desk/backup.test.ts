import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../../src/server/db/sqlite';

// A separate process writes pairs of rows, each pair in one transaction, as fast as it can.
const WRITER = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec('PRAGMA journal_mode = WAL');
db.exec('PRAGMA busy_timeout = 5000');
const ins = db.prepare('INSERT INTO pairs (txn, half) VALUES (?, ?)');
let n = 0;
process.stdout.write('ready\\n');
for (;;) {
  db.exec('BEGIN IMMEDIATE');
  ins.run(n, 1);
  ins.run(n, 2);
  db.exec('COMMIT');
  n++;
}
`;

function checkCopy(file: string): { rows: number } {
  const db = new DatabaseSync(file);
  try {
    const integrity = db.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
    expect(integrity.integrity_check).toBe('ok');
    const broken = db.prepare('SELECT txn FROM pairs GROUP BY txn HAVING COUNT(*) <> 2').all();
    expect(broken).toEqual([]);
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM pairs').get() as { n: number };
    return { rows: n };
  } finally {
    db.close();
  }
}

describe('online SQLite backup', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pursebop-backup-'));
  const live = path.join(dir, 'live.sqlite');
  let writer: ChildProcess | undefined;

  afterAll(() => {
    writer?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies a consistent database while another process keeps writing', async () => {
    const setup = new DatabaseSync(live);
    setup.exec('PRAGMA journal_mode = WAL');
    setup.exec(
      'CREATE TABLE pairs (id INTEGER PRIMARY KEY AUTOINCREMENT, txn INTEGER NOT NULL, half INTEGER NOT NULL)',
    );
    setup.close();

    const child = spawn(process.execPath, ['-e', WRITER, live], { stdio: ['ignore', 'pipe', 'inherit'] });
    writer = child;
    await new Promise<void>((resolve) =>
      child.stdout.once('data', () => {
        resolve();
      }),
    );

    const sizes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const copy = path.join(dir, `copy-${String(i)}.sqlite`);
      backupSqlite(live, copy);
      sizes.push(checkCopy(copy).rows);
    }
    // The npm script, as an operator runs it, against the same busy file.
    const scripted = path.join(dir, 'scripted.sqlite');
    const out = execFileSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/db-backup.ts', '--out', scripted],
      {
        env: { ...process.env, SQLITE_PATH: live, DATABASE_URL: '' },
        encoding: 'utf8',
      },
    );
    expect(out).toContain('Backed up');
    sizes.push(checkCopy(scripted).rows);

    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
    writer = undefined;
    const final = checkCopy(live).rows;
    // The writer really was writing during the copies: each copy saw a different, growing snapshot.
    expect(sizes.every((n, i) => i === 0 || n >= (sizes[i - 1] ?? 0))).toBe(true);
    expect(final).toBeGreaterThan(sizes[0] ?? 0);
  });
});
