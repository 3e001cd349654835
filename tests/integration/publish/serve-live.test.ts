import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAsking } from './request-loops';

// Two stand-in builds whose handler names itself and takes a moment, so requests are in flight
// at the instant of every switch. The real entry.mjs exports the same `handler(req, res)`.
const port = Number(process.env.PUBLISH_TEST_PORT ?? 4464);
const base = `http://127.0.0.1:${String(port)}`;
const builds = mkdtempSync(path.join(tmpdir(), 'pursebop-builds-'));

function fakeBuild(name: string): void {
  mkdirSync(path.join(builds, name, 'server'), { recursive: true });
  mkdirSync(path.join(builds, name, 'client'), { recursive: true });
  writeFileSync(
    path.join(builds, name, 'server', 'entry.mjs'),
    `export function handler(req, res) {
       setTimeout(() => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(${JSON.stringify(name)}); }, 20);
     }\n`,
  );
}

const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'test', BUILDS_DIR: builds };
let server: ChildProcess | undefined;

async function get(): Promise<{ status: number; body: string }> {
  const res = await fetch(`${base}/`);
  return { status: res.status, body: await res.text() };
}

async function until(build: string): Promise<void> {
  for (;;) {
    const answer = await get().catch(() => undefined);
    if (answer?.body === build) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  fakeBuild('20260101-000000-a');
  fakeBuild('20260102-000000-b');
  symlinkSync('20260101-000000-a', path.join(builds, 'current'));
  server = spawn(process.execPath, ['scripts/serve-live.mjs', builds], { env, stdio: 'inherit' });
  await until('20260101-000000-a');
}, 30_000);

afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(builds, { recursive: true, force: true });
});

describe('switching the live server to another build', () => {
  it('keeps answering 200 through a publish switch and a rollback', async () => {
    const load = keepAsking(Array.from({ length: 8 }, () => get));
    // What `npm run publish` does after its build: previous ← current, current ← new, SIGHUP.
    symlinkSync('20260101-000000-a', path.join(builds, 'previous'));
    rmSync(path.join(builds, 'current'));
    symlinkSync('20260102-000000-b', path.join(builds, 'current'));
    const pid = Number(readFileSync(path.join(builds, 'serve.pid'), 'utf8'));
    process.kill(pid, 'SIGHUP');
    await until('20260102-000000-b');

    const rollback = spawnSync(process.execPath, ['scripts/publish.ts', '--rollback'], { env, encoding: 'utf8' });
    expect(rollback.status, rollback.stderr).toBe(0);
    await until('20260101-000000-a');
    await load.stop();

    expect(load.failures).toEqual([]);
    expect(load.answers.filter((a) => a.status !== 200)).toEqual([]);
    const served = new Set(load.answers.map((a) => a.body));
    expect(served).toEqual(new Set(['20260101-000000-a', '20260102-000000-b']));
  }, 60_000);
});
