import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${String(child.exitCode)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`server did not answer on ${url} within ${String(timeoutMs / 1000)} s`);
}

/** Starts the built site's own server (`scripts/serve.mjs <outDir>`, as `npm start` does) on 127.0.0.1. */
export async function startServer(opts: {
  root: string;
  outDir: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
}): Promise<RunningServer> {
  const url = `http://127.0.0.1:${String(opts.port)}`;
  const log = createWriteStream(opts.logFile);
  const child = spawn(process.execPath, [path.join(opts.root, 'scripts/serve.mjs'), opts.outDir], {
    cwd: opts.root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(opts.port), NODE_ENV: 'production', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const closed = new Promise((r) => child.once('close', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await closed;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(`${url}/`, child, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
