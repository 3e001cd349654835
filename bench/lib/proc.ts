import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';

/** What one measured command cost. */
export interface Measured {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  /** Wall-clock time in milliseconds. */
  wallMs: number;
  /** Peak resident memory of the whole process tree, in bytes (sum over live processes at the worst sample). */
  peakRssBytes: number;
  /** Where stdout and stderr went. */
  logFile: string;
}

const PAGE = 4096;
const TIME_BIN = '/usr/bin/time';

/** Parent pid of every live process, from /proc/<pid>/stat. */
async function parentMap(): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  const entries = await readdir('/proc');
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        try {
          const stat = await readFile(`/proc/${e}/stat`, 'utf8');
          // The command name may hold spaces or parentheses; fields resume after the last ')'.
          const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          map.set(Number(e), Number(after[1]));
        } catch {
          // The process ended between readdir and read.
        }
      }),
  );
  return map;
}

async function treeRss(root: number): Promise<number> {
  const parents = await parentMap();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) {
    try {
      const statm = await readFile(`/proc/${String(pid)}/statm`, 'utf8');
      total += Number(statm.split(' ')[1]) * PAGE;
    } catch {
      // Gone already.
    }
  }
  return total;
}

/**
 * Runs a command and measures wall time and peak tree memory. Memory is sampled from /proc every
 * 100 ms (sums every descendant, which GNU time cannot); GNU time's own maximum for the largest single
 * process is taken too when installed, so a short spike between samples is not lost.
 */
export async function runMeasured(
  command: string,
  args: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Promise<Measured> {
  const useTime = existsSync(TIME_BIN);
  const timeFile = `${opts.logFile}.time`;
  const [cmd, argv] = useTime ? [TIME_BIN, ['-f', '%M', '-o', timeFile, command, ...args]] : [command, [...args]];
  const log = createWriteStream(opts.logFile);
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let peak = 0;
  const done = new AbortController();
  const sampler = (async () => {
    while (!done.signal.aborted && child.pid !== undefined) {
      peak = Math.max(peak, await treeRss(child.pid));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - started;
  done.abort();
  await sampler;
  log.end();
  if (useTime) {
    try {
      const kb = Number((await readFile(timeFile, 'utf8')).trim().split('\n').pop());
      if (Number.isFinite(kb)) peak = Math.max(peak, kb * 1024);
      await rm(timeFile, { force: true });
    } catch {
      // GNU time writes nothing when the command could not start; the sampled value stands.
    }
  }
  return { code, wallMs, peakRssBytes: peak, logFile: opts.logFile };
}

/** The last lines of a log, for error messages. */
export async function tail(file: string, lines = 15): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}
