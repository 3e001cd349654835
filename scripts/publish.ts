// The publish loop. Builds live side by side in builds/<stamp>/, with builds/current and builds/previous
// pointing at two of them; the live server (scripts/serve-live.mjs) serves builds/current and switches
// to it again on SIGHUP, without dropping a request.
//   npm run publish                      publish the working tree: the quick path when only letters were
//                                        added or edited since builds/current, else a full build
//   npm run publish -- --full            always a full build
//   npm run publish -- --quick           the quick path, or an error saying why it cannot be taken
//   npm run publish -- --wait            after a quick publish, run the full build in this process
//   npm run publish -- --no-follow       after a quick publish, start no full build
//   npm run publish -- --dry-run         say which path a publish would take, and why, and do nothing
//   npm run publish -- --if-changed      as `npm run publish`, but serve builds/current as it is when it is
//                                        a full build of exactly the working tree
//   npm run rollback                     serve builds/previous again (current and previous swap)
//
// The quick path (letters added or edited, nothing else changed): Astro builds only those letters'
// pages, the rest of the catalogue read from the live build's manifest so related letters, newer/older
// and follow-ups are what a full build would show. A new build folder is made from builds/current with
// hard links, those pages, any new hashed assets and the new manifest are laid over it, and the server
// switches: the letters are live. A second copy gets a search index written afresh over all its letter
// pages, and the server switches again. Then a full build runs in the background (log in
// builds/follow-up.log) to refresh what lists letters — home, archive, topics, columnists, feeds,
// sitemap, neighbours' links — and the server switches to it once more.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { letterIdFromPath } from '../src/lib/letter-id.ts';
import { planPublish, type InputsRecord } from '../src/lib/publish-plan.ts';
import { buildSearchIndex } from '../src/integrations/pagefind-index.ts';
import { precompressAssets } from '../src/integrations/precompress.ts';
import { buildInputs, fingerprintOf, lettersKey, type BuildInputs } from './build-fingerprint.ts';
import { tryLock, writeHolder } from './publish-lock.ts';
import { linkTarget, pruneBuilds } from './prune-builds.ts';

const root = path.resolve(import.meta.dirname, '..');
const builds = path.resolve(root, process.env.BUILDS_DIR ?? 'builds');
const FINGERPRINT = 'fingerprint.txt';
const INPUTS = 'inputs.json';
/** Written into a quick build: which build it was laid over and which letters it rendered. */
const QUICK = 'quick.json';
const LOCK = path.join(builds, 'publish.lock');

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const link = (name: 'current' | 'previous') => path.join(builds, name);

const target = (name: 'current' | 'previous') => linkTarget(builds, name);

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

/** Removes builds other than the ones named and the ones builds/current and builds/previous name now. */
function prune(keep: (string | undefined)[]): void {
  pruneBuilds(builds, keep);
}

function newBuildDir(suffix = ''): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(builds, `${stamp}-${String(process.pid)}${suffix}`);
}

function recordedInputs(dir: string | undefined): InputsRecord | undefined {
  if (!dir) return undefined;
  const text = readFileSafe(path.join(dir, INPUTS));
  return text ? (JSON.parse(text) as InputsRecord) : undefined;
}

function writeInputs(dir: string, inputs: BuildInputs): void {
  writeFileSync(path.join(dir, INPUTS), `${JSON.stringify(inputs)}\n`);
}

/** A full build of the working tree into a fresh folder; returns the folder. */
function fullBuild(inputs: BuildInputs): string {
  const dir = newBuildDir();
  console.log(`==> Building into ${path.relative(root, dir)}`);
  try {
    run('bash', [path.join(root, 'scripts/build.sh')], { ...process.env, ASTRO_OUT_DIR: dir });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  writeInputs(dir, inputs);
  writeFileSync(path.join(dir, FINGERPRINT), `${fingerprintOf(inputs)}\n`);
  return dir;
}

function publishFull(inputs: BuildInputs): void {
  const dir = fullBuild(inputs);
  migrate();
  // Read after the build: a rollback run meanwhile decides what becomes previous.
  const current = target('current');
  if (current) point('previous', current);
  point('current', dir);
  prune([dir, current]);
  signalServer();
}

/** Copies `from` to `to` as a new file, never writing through a hard link shared with the live build. */
function replaceFile(from: string, to: string): void {
  rmSync(to, { force: true });
  copyFileSync(from, to);
}

/** Each route's headers: the live build's list with the rendered pages' entries put in. */
function mergeHeaders(baseFile: string, quickFile: string, outFile: string): void {
  interface Entry {
    pathname: string;
  }
  const read = (file: string) => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Entry[]) : []);
  const fresh = read(quickFile);
  const replaced = new Set(fresh.map((entry) => entry.pathname));
  const merged = [...read(baseFile).filter((entry) => !replaced.has(entry.pathname)), ...fresh];
  const temp = `${outFile}.${String(process.pid)}`;
  writeFileSync(temp, JSON.stringify(merged, null, '\t'));
  renameSync(temp, outFile);
}

/**
 * The quick path: only `letters` (files relative to the letters folder) are rendered, then laid over
 * a hard-linked copy of `current`. Returns the new folder, or undefined when a letter was not rendered
 * (a draft or a scheduled letter), which only a full build can take down or hold back.
 */
async function quickBuild(current: string, letters: string[], inputs: BuildInputs): Promise<string | undefined> {
  const work = path.join(builds, `quick-work-${String(process.pid)}`);
  rmSync(work, { recursive: true, force: true });
  console.log(`==> Quick publish: rendering ${letters.join(', ')}`);
  try {
    run(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      ...process.env,
      ASTRO_OUT_DIR: work,
      // Its own cache: a full build's content cache would otherwise be replaced by a few letters' worth.
      ASTRO_CACHE_DIR: process.env.ASTRO_QUICK_CACHE_DIR ?? path.join(root, 'node_modules/.astro-quick'),
      SEARCH_INDEX_STEP: 'separate',
      QUICK_PUBLISH_LETTERS: letters.join(','),
      QUICK_PUBLISH_MANIFEST: path.join(current, 'server', 'catalogue.json'),
    });
    const ids = letters.map((file) => letterIdFromPath(file));
    const missing = ids.filter((id) => !existsSync(path.join(work, 'client', 'letters', id, 'index.html')));
    if (missing.length > 0) {
      console.log(`==> Not published by the quick path (draft or scheduled): ${missing.join(', ')}`);
      return undefined;
    }
    await precompressAssets(path.join(work, 'client'), '_astro');

    const dir = newBuildDir();
    console.log(`==> Composing ${path.relative(root, dir)} from ${path.basename(current)} (hard links)`);
    run('cp', ['-al', current, dir]);
    for (const file of [FINGERPRINT, INPUTS, QUICK]) rmSync(path.join(dir, file), { force: true });
    for (const id of ids) {
      const page = path.join(dir, 'client', 'letters', id);
      rmSync(page, { recursive: true, force: true });
      cpSync(path.join(work, 'client', 'letters', id), page, { recursive: true });
    }
    // Hashed names: a file of that name already there has the same bytes.
    const assets = path.join(work, 'client', '_astro');
    for (const name of existsSync(assets) ? readdirSync(assets) : []) {
      const to = path.join(dir, 'client', '_astro', name);
      if (!existsSync(to)) copyFileSync(path.join(assets, name), to);
    }
    replaceFile(path.join(work, 'server', 'catalogue.json'), path.join(dir, 'server', 'catalogue.json'));
    mergeHeaders(
      path.join(current, '_headers.json'),
      path.join(work, '_headers.json'),
      path.join(dir, '_headers.json'),
    );
    writeInputs(dir, inputs);
    writeFileSync(path.join(dir, QUICK), `${JSON.stringify({ from: path.basename(current), letters })}\n`);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The second quick step: a copy of the quick build (hard links again) whose search index is written
 * afresh over every letter page, so new and edited letters are found with their new text. Pagefind
 * reads every page, so this takes longer than the pages themselves; they are live while it runs.
 */
async function searchStep(quickDir: string): Promise<string> {
  const dir = newBuildDir('-search');
  run('cp', ['-al', quickDir, dir]);
  // The linked index of the build before goes first: Pagefind must never write through a shared file.
  const client = path.join(dir, 'client');
  rmSync(path.join(client, 'pagefind'), { recursive: true, force: true });
  const summary = await buildSearchIndex(client);
  await precompressAssets(client, 'pagefind');
  console.log(`==> Search index written over ${String(summary.pageCount)} letter pages`);
  return dir;
}

type Follow = 'background' | 'wait' | 'none';

/** After a quick switch: the full build that refreshes lists, feeds and neighbours, then a second switch. */
function followUp(quickDir: string, follow: Follow): void {
  if (follow === 'none') {
    console.log('==> No full build follows (--no-follow): lists, feeds and the sitemap wait for the next one');
    return;
  }
  if (follow === 'wait') {
    completeQuick(quickDir);
    return;
  }
  const logFile = path.join(builds, 'follow-up.log');
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(root, 'scripts/publish.ts'), '--follow-up', quickDir], {
    cwd: root,
    env: process.env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  // The lock passes to the follow-up, so a publish started meanwhile waits for it.
  if (child.pid) writeHolder(LOCK, child.pid);
  child.unref();
  console.log(
    `==> A full build follows in the background (pid ${String(child.pid)}, log ${path.relative(root, logFile)})`,
  );
}

/** Full build after a quick publish; switches only if the quick build is still the one being served. */
function completeQuick(quickDir: string): void {
  const dir = fullBuild(buildInputs(root));
  migrate();
  if (target('current') !== quickDir) {
    console.log(`==> ${path.basename(quickDir)} is no longer served (rolled back?): the full build is discarded`);
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  // previous stays the build from before the quick publish, so a rollback undoes the letters.
  point('current', dir);
  // The quick build is served until the switch is done; the next publish removes it.
  prune([dir, target('previous'), quickDir]);
  signalServer();
  console.log(`==> Full build ${path.basename(dir)} now serves what ${path.basename(quickDir)} served`);
}

interface Options {
  ifChanged: boolean;
  dryRun: boolean;
  mode: 'auto' | 'full' | 'quick';
  follow: Follow;
}

async function publish(options: Options): Promise<void> {
  const inputs = buildInputs(root);
  const current = target('current');
  const full = current !== undefined && existsSync(path.join(current, FINGERPRINT));
  if (
    options.ifChanged &&
    full &&
    readFileSync(path.join(current, FINGERPRINT), 'utf8').trim() === fingerprintOf(inputs)
  ) {
    console.log(`==> Content and code unchanged since ${path.basename(current)}: serving that build`);
    // The build is kept, but the database may be new or behind it (a fresh data/ folder, a restore).
    migrate();
    return;
  }
  const plan = planPublish(recordedInputs(current), inputs, lettersKey(root));
  if (options.dryRun) {
    if (plan.kind === 'quick') console.log(`quick: ${plan.letters.join(', ')}`);
    else console.log(`full: ${plan.kind === 'full' ? plan.reason : 'nothing changed since the live build'}`);
    return;
  }
  if (options.mode === 'quick' && plan.kind !== 'quick')
    throw new Error(`The quick path cannot publish this: ${plan.kind === 'full' ? plan.reason : 'nothing changed'}.`);
  if (options.mode !== 'full' && plan.kind === 'quick' && current) {
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    const pages = await quickBuild(current, plan.letters, inputs);
    if (pages && target('current') !== current) {
      // A rollback ran while the letters were rendered over the build it moved away from.
      rmSync(pages, { recursive: true, force: true });
      throw new Error('builds/current changed while publishing (a rollback?): nothing was switched; publish again.');
    }
    if (pages) {
      point('previous', current);
      point('current', pages);
      prune([pages, current]);
      signalServer();
      console.log(`==> Letter pages switched live after ${seconds()} s; the search index comes next`);
      const dir = await searchStep(pages);
      // previous stays the build from before this publish: a rollback undoes the letters, not the index.
      if (target('current') === pages) {
        point('current', dir);
        // The pages build is served until the switch is done; the next publish removes it.
        prune([dir, pages, current]);
        signalServer();
        console.log(`==> Search index switched live after ${seconds()} s`);
        followUp(dir, options.follow);
      } else {
        console.log(`==> ${path.basename(pages)} is no longer served (rolled back?): the search step is dropped`);
        rmSync(dir, { recursive: true, force: true });
      }
      return;
    }
    if (options.mode === 'quick') throw new Error('The quick path cannot publish this.');
  } else if (plan.kind === 'full') {
    console.log(`==> Full build: ${plan.reason}`);
  }
  publishFull(inputs);
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

function alive(pid: number): boolean {
  return readFileSafe(`/proc/${String(pid)}/cmdline`).includes('publish');
}

/** One publish at a time (a background full build counts): a second one waits its turn. */
function lock(): void {
  let told = false;
  for (;;) {
    const holder = tryLock(LOCK, process.pid, alive);
    if (holder === true) break;
    if (!told) console.log(`==> Waiting for the publish in progress (pid ${String(holder)}) to finish`);
    told = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  }
  releaseLockOnExit();
}

/** However this process ends, the lock it holds goes with it (one it handed over is left alone). */
function releaseLockOnExit(): void {
  process.on('exit', () => {
    if (Number(readFileSafe(LOCK)) === process.pid) rmSync(LOCK, { force: true });
  });
}

const { values } = parseArgs({
  options: {
    'if-changed': { type: 'boolean', default: false },
    rollback: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    wait: { type: 'boolean', default: false },
    'no-follow': { type: 'boolean', default: false },
    'follow-up': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
try {
  mkdirSync(builds, { recursive: true });
  if (values.rollback) rollback();
  else if (values['follow-up']) {
    // Started by a quick publish, which handed its lock over.
    if (Number(readFileSafe(LOCK)) !== process.pid) lock();
    else releaseLockOnExit();
    completeQuick(path.resolve(values['follow-up']));
  } else {
    if (values.full && values.quick) throw new Error('--full and --quick exclude each other.');
    if (!values['dry-run']) lock();
    await publish({
      ifChanged: values['if-changed'],
      dryRun: values['dry-run'],
      mode: values.full ? 'full' : values.quick ? 'quick' : 'auto',
      follow: values['no-follow'] ? 'none' : values.wait ? 'wait' : 'background',
    });
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
