// The publish loop. Builds live side by side in builds/<stamp>/, with builds/current and builds/previous
// pointing at two of them; the live server (scripts/serve-live.mjs) serves builds/current and switches
// to it again on SIGHUP, without dropping a request.
//   npm run publish                      build into a fresh folder, migrate, switch the running server
//   npm run publish -- --if-changed      the same, building only when content or code changed since builds/current
//   npm run rollback                     serve builds/previous again (current and previous swap)
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFingerprint } from './build-fingerprint.ts';

const root = path.resolve(import.meta.dirname, '..');
const builds = path.resolve(root, process.env.BUILDS_DIR ?? 'builds');
const FINGERPRINT = 'fingerprint.txt';

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const link = (name: 'current' | 'previous') => path.join(builds, name);

function target(name: 'current' | 'previous'): string | undefined {
  try {
    return path.resolve(builds, readlinkSync(link(name)));
  } catch {
    return undefined;
  }
}

/** Points builds/<name> at `dir` atomically (a new link renamed over the old one). */
function point(name: 'current' | 'previous', dir: string): void {
  const temp = `${link(name)}.${String(process.pid)}`;
  rmSync(temp, { force: true });
  symlinkSync(path.relative(builds, dir), temp, 'dir');
  renameSync(temp, link(name));
}

/** Tells the live server, if one runs, to serve builds/current. */
function signalServer(): void {
  const pidFile = path.join(builds, 'serve.pid');
  if (!existsSync(pidFile)) {
    console.log('==> No live server is running; `npm start` will serve the new build');
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8'));
  // A pid left behind by a stopped server may belong to another process by now.
  if (!readFileSafe(`/proc/${String(pid)}/cmdline`).includes('serve-live')) {
    console.log('==> No live server is running; `npm start` will serve the new build');
    return;
  }
  try {
    process.kill(pid, 'SIGHUP');
    console.log(`==> The live server (pid ${String(pid)}) is switching to ${String(target('current'))}`);
  } catch {
    console.log('==> No live server is running; `npm start` will serve the new build');
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${String(result.status)})`);
}

/** Removes builds other than current and previous (and the one being made). */
function prune(keep: string[]): void {
  for (const entry of readdirSync(builds, { withFileTypes: true })) {
    const dir = path.join(builds, entry.name);
    if (entry.isDirectory() && /^\d{8}-\d{6}/.test(entry.name) && !keep.includes(dir))
      rmSync(dir, { recursive: true, force: true });
  }
}

function publish(ifChanged: boolean): void {
  const fingerprint = buildFingerprint(root);
  const current = target('current');
  if (ifChanged && current && existsSync(path.join(current, FINGERPRINT))) {
    if (readFileSync(path.join(current, FINGERPRINT), 'utf8').trim() === fingerprint) {
      console.log(`==> Content and code unchanged since ${path.basename(current)}: serving that build`);
      // The build is kept, but the database may be new or behind it (a fresh data/ folder, a restore).
      migrate();
      return;
    }
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const dir = path.join(builds, `${stamp}-${String(process.pid)}`);
  console.log(`==> Building into ${path.relative(root, dir)}`);
  try {
    run('bash', [path.join(root, 'scripts/build.sh')], {
      ...process.env,
      ASTRO_OUT_DIR: dir,
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  writeFileSync(path.join(dir, FINGERPRINT), `${fingerprint}\n`);
  migrate();
  if (current) point('previous', current);
  point('current', dir);
  prune([dir, ...(current ? [current] : [])]);
  signalServer();
}

/** Applies pending migrations before any server sees the build that may need them. */
function migrate(): void {
  console.log('==> Preparing the database');
  run(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'scripts/db-migrate.ts')]);
}

function rollback(): void {
  const [current, previous] = [target('current'), target('previous')];
  if (!current || !previous || !existsSync(previous)) throw new Error('There is no previous build to go back to.');
  point('current', previous);
  point('previous', current);
  console.log(`==> Serving ${path.basename(previous)} again (${path.basename(current)} kept as previous)`);
  signalServer();
}

const { values } = parseArgs({
  options: { 'if-changed': { type: 'boolean', default: false }, rollback: { type: 'boolean', default: false } },
});
try {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(builds, { recursive: true });
  if (values.rollback) rollback();
  else publish(values['if-changed']);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
