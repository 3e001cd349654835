// The publish lock (builds/publish.lock): one publish at a time, a background full build included.
// Plain Node runs this file (type stripping): no TypeScript-only syntax beyond types.
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

function holderOf(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Writes `pid` into `file` whole: a reader sees the old holder or the new one, never an empty file. */
export function writeHolder(file: string, pid: number): void {
  const temp = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(temp, String(pid));
  renameSync(temp, file);
}

/**
 * One attempt at the lock for `pid`: true when taken, else the pid of the live holder. A holder that
 * `isAlive` says is gone is set aside, but only if the file still names it: two publishes that find the
 * same stale lock must not both take it (the second would remove the first one's fresh lock).
 */
export function tryLock(file: string, pid: number, isAlive: (holder: number) => boolean): true | number {
  for (;;) {
    // Created whole (a link to a written file): never seen empty, so an empty file is never a live lock.
    const temp = `${file}.${String(pid)}.new`;
    writeFileSync(temp, String(pid));
    try {
      linkSync(temp, file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(temp, { force: true });
    }
    const holder = holderOf(file);
    if (holder === undefined) continue;
    if (holder && holder !== pid && isAlive(holder)) return holder;
    // Set aside atomically, then look at what was set aside: a fresh lock taken meanwhile goes back.
    const aside = `${file}.${String(pid)}.stale`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const taken = holderOf(aside);
    if (taken !== holder && taken !== undefined) {
      try {
        linkSync(aside, file);
      } catch {
        // Someone else took the lock in this instant; theirs stands.
      }
    }
    rmSync(aside, { force: true });
  }
}
