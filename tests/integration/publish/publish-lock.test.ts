import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tryLock, writeHolder } from '../../../scripts/publish-lock';

const DEAD = 999_999_001;
const A = 1001;
const B = 1002;

describe('the publish lock', () => {
  let dir = '';
  let lock = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pursebop-lock-'));
    lock = path.join(dir, 'publish.lock');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

  it('is taken once, and a second publish is told who holds it', () => {
    expect(tryLock(lock, A, alive([A, B]))).toBe(true);
    expect(readFileSync(lock, 'utf8')).toBe(String(A));
    expect(tryLock(lock, B, alive([A, B]))).toBe(A);
  });

  it('takes over the lock of a publish that died', () => {
    writeFileSync(lock, String(DEAD));
    expect(tryLock(lock, A, alive([A]))).toBe(true);
    expect(readFileSync(lock, 'utf8')).toBe(String(A));
  });

  it('never lets two publishes that found the same stale lock both hold it', () => {
    writeFileSync(lock, String(DEAD));
    let bTook: true | number | undefined;
    // A has read the dead holder; before it acts, B finds the same stale lock and takes it over.
    const aSees = (pid: number) => {
      if (pid === DEAD && bTook === undefined) bTook = tryLock(lock, B, alive([A, B]));
      return [A, B].includes(pid);
    };
    const aTook = tryLock(lock, A, aSees);
    expect(bTook).toBe(true);
    expect(aTook).toBe(B);
    expect(readFileSync(lock, 'utf8')).toBe(String(B));
  });

  it('hands the lock over to the follow-up build, which a waiting publish then waits for', () => {
    expect(tryLock(lock, A, alive([A, B]))).toBe(true);
    writeHolder(lock, B);
    expect(readFileSync(lock, 'utf8')).toBe(String(B));
    expect(tryLock(lock, A, alive([A, B]))).toBe(B);
    expect(existsSync(`${lock}.${String(process.pid)}.tmp`)).toBe(false);
  });
});
