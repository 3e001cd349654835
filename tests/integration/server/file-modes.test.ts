import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupSqlite, openSqlite } from '../../../src/server/db/sqlite';

const root = mkdtempSync(path.join(os.tmpdir(), 'pursebop-modes-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;

// The usual umask leaves new files world-readable (0644); every secret file must not be.
process.umask(0o022);

describe('secrets and data on disk are the owner’s alone', () => {
  it('the SQLite file and its WAL are 0600 in a 0700 folder', async () => {
    const file = path.join(root, 'fresh', 'data', 'site.sqlite');
    const db = openSqlite(file);
    await db.run('CREATE TABLE t (x INTEGER)');
    await db.run('INSERT INTO t (x) VALUES (1)');
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    await db.close();
  });

  it('a database file an older version left world-readable is tightened when opened', async () => {
    const file = path.join(root, 'old.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const db = openSqlite(file);
    expect(mode(file)).toBe(0o600);
    await db.close();
  });

  it('a backup is 0600 and still a complete copy', async () => {
    const file = path.join(root, 'live.sqlite');
    const db = openSqlite(file);
    await db.run('CREATE TABLE t (x INTEGER)');
    await db.run('INSERT INTO t (x) VALUES (42)');
    const copy = path.join(root, 'copy.sqlite');
    backupSqlite(file, copy);
    expect(mode(copy)).toBe(0o600);
    const restored = openSqlite(copy);
    expect(await restored.get<{ x: number }>('SELECT x FROM t')).toEqual({ x: 42 });
    await restored.close();
    await db.close();
    expect(() => {
      backupSqlite(file, copy);
    }).toThrow(/EEXIST/);
  });

  it('npm start makes the site secret 0600 in a 0700 data folder, and tightens an old one', () => {
    const script = path.resolve('scripts/site-secret.sh');
    const run = (dir: string) =>
      execFileSync(
        'bash',
        ['-c', `umask 022; source "$0"; ensure_site_secret "$1"; printf %s "$SITE_SECRET"`, script, dir],
        {
          encoding: 'utf8',
        },
      );
    const dir = path.join(root, 'start', 'data');
    const secret = run(dir);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, '.site-secret'))).toBe(0o600);
    // Kept across starts.
    expect(run(dir)).toBe(secret);

    const old = path.join(root, 'old-start');
    execFileSync('mkdir', ['-p', old]);
    chmodSync(old, 0o755);
    writeFileSync(path.join(old, '.site-secret'), `${'ab12'.repeat(16)}\n`, { mode: 0o644 });
    expect(run(old)).toBe('ab12'.repeat(16));
    expect(mode(old)).toBe(0o700);
    expect(mode(path.join(old, '.site-secret'))).toBe(0o600);
  });
});
