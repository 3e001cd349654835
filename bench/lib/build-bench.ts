import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildInputs, fingerprintOf } from '../../scripts/build-fingerprint.ts';
import type { GeneratedLetter } from './corpus.ts';
import { median, runMeasured, tail, type Measured } from './proc.ts';
import { MB, type Figure } from './report.ts';

export type BuildKind = 'site' | 'baseline' | 'satteri';

/** The builds one benchmark run makes: three cold kinds, then warm rebuilds of the site. */
export const BUILD_STEPS = ['baseline', 'satteri', 'site', 'warm', 'added'] as const;
export type BuildStep = (typeof BUILD_STEPS)[number];

export interface BuildSetup {
  root: string;
  /** A private copy of the project the site is built from (see prepareSiteRoot). */
  siteRoot: string;
  work: string;
  corpusDir: string;
  siteUrl: string;
}

/** Output and cache folders per kind, so builds never share state by accident. */
export function buildDirs(root: string, kind: BuildKind): { outDir: string; cacheDir: string } {
  return {
    outDir: path.join(root, `dist-bench-${kind}`),
    cacheDir: path.join(root, 'node_modules', `.astro-bench-${kind}`),
  };
}

const NOT_COPIED = new Set([
  'node_modules',
  '.git',
  '.astro',
  'bench',
  'data',
  'tests',
  'test-results',
  'playwright-report',
  'builds',
]);

/**
 * Copies the project (node_modules linked) so the site builds in a folder of its own. Astro keeps
 * content-modules.mjs in <root>/.astro/ whatever cacheDir says, so a build of other content running
 * at the same time in the work tree could otherwise swap the letters under a benchmark build.
 */
export async function prepareSiteRoot(root: string, siteRoot: string): Promise<void> {
  await rm(siteRoot, { recursive: true, force: true });
  await mkdir(siteRoot, { recursive: true });
  for (const name of await readdir(root)) {
    if (NOT_COPIED.has(name) || name.startsWith('dist')) continue;
    await cp(path.join(root, name), path.join(siteRoot, name), { recursive: true });
  }
  await symlink(path.join(root, 'node_modules'), path.join(siteRoot, 'node_modules'), 'dir');
}

/** The environment a build of `kind` runs in: the corpus, its output and cache folders, the site URL. */
function buildEnv(setup: BuildSetup, kind: BuildKind, outDir: string, cacheDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CONTENT_DIR: setup.corpusDir,
    ASTRO_OUT_DIR: outDir,
    ASTRO_CACHE_DIR: cacheDir,
    ASTRO_TELEMETRY_DISABLED: '1',
    SITE_URL: setup.siteUrl,
    NODE_ENV: 'production',
    MARKDOWN_PROCESSOR: kind === 'satteri' ? 'satteri' : 'unified',
    // Social images are cached outside Astro's cacheDir by default; keep them with this build's cache.
    OG_CACHE_DIR: path.join(cacheDir, 'og'),
    NO_COLOR: '1',
  };
}

/** One build (the site's `npm run build`, or `astro build` of a baseline), measured; `cold` wipes its output and cache first. */
export async function measureBuild(
  setup: BuildSetup,
  kind: BuildKind,
  cold: boolean,
  label: string,
): Promise<Measured> {
  const { outDir, cacheDir } = buildDirs(setup.root, kind);
  if (cold)
    await Promise.all([rm(outDir, { recursive: true, force: true }), rm(cacheDir, { recursive: true, force: true })]);
  // The site is built as `npm run build` builds it (Astro, then the search index in a second process);
  // the baselines are a plain `astro build`.
  const [command, args] =
    kind === 'site'
      ? ['bash', [path.join(setup.siteRoot, 'scripts/build.sh')]]
      : [
          process.execPath,
          [
            path.join(setup.root, 'node_modules/astro/bin/astro.mjs'),
            'build',
            '--root',
            path.join(setup.root, 'bench/baseline'),
          ],
        ];
  const env = buildEnv(setup, kind, outDir, cacheDir);
  const logFile = path.join(setup.work, `build-${label}.log`);
  const cwd = kind === 'site' ? setup.siteRoot : setup.root;
  const result = await runMeasured(command, args, { cwd, env, logFile });
  if (result.code !== 0) throw new Error(`${kind} build failed (exit ${String(result.code)}):\n${await tail(logFile)}`);
  return result;
}

/** Adds a new letter next to `model` (same text, its own file and slug), as publishing one more would; returns its id. */
async function addOneLetter(corpusDir: string, model: GeneratedLetter): Promise<string> {
  const file = path.join(corpusDir, 'letters', model.fileName.replace(/\.mdx$/, '-added.mdx'));
  await writeFile(file, model.source);
  return `${model.id}-added`;
}

const EDIT_MARK = 'One more thought, added in an edit after publication.';

const seconds = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);

/** Changes one letter's answer, as an editor's small correction would. */
async function touchOneLetter(corpusDir: string, letter: GeneratedLetter): Promise<void> {
  const file = path.join(corpusDir, 'letters', letter.fileName);
  const source = await readFile(file, 'utf8');
  const edited = source.replace('</Answer>', `${EDIT_MARK}\n\n</Answer>`);
  if (edited === source) await appendFile(file, `\n${EDIT_MARK}\n`);
  else await writeFile(file, edited);
}

/** A live site as `npm start` runs it: builds/current served by scripts/serve-live.mjs, switched by publish. */
interface LiveSite {
  builds: string;
  env: NodeJS.ProcessEnv;
  stop: () => Promise<void>;
}

/**
 * Puts the cold site build in place as builds/current of the project copy (hard links, with the record of
 * the inputs it was built from, as `npm run publish` leaves one) and serves it on the site's port.
 */
async function startLiveSite(setup: BuildSetup, log: (msg: string) => void): Promise<LiveSite> {
  const { outDir, cacheDir } = buildDirs(setup.root, 'site');
  const builds = path.join(setup.siteRoot, 'builds');
  await rm(builds, { recursive: true, force: true });
  await mkdir(builds, { recursive: true });
  const base = path.join(builds, '20000101-000000-cold');
  execFileSync('cp', ['-al', outDir, base]);
  const env: NodeJS.ProcessEnv = {
    ...buildEnv(setup, 'site', outDir, cacheDir),
    ASTRO_OUT_DIR: undefined,
    ASTRO_QUICK_CACHE_DIR: path.join(setup.root, 'node_modules', '.astro-bench-quick'),
    BUILDS_DIR: builds,
    SQLITE_PATH: path.join(setup.work, 'publish.sqlite'),
    DATABASE_URL: '',
    SITE_SECRET: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    PORT: new URL(setup.siteUrl).port,
  };
  const inputs = buildInputs(setup.siteRoot, env);
  await writeFile(path.join(base, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
  await writeFile(path.join(base, 'fingerprint.txt'), `${fingerprintOf(inputs)}\n`);
  await symlink(path.basename(base), path.join(builds, 'current'), 'dir');
  log(`  serving ${base} with scripts/serve-live.mjs on ${setup.siteUrl}`);
  const server = spawn(process.execPath, [path.join(setup.siteRoot, 'scripts/serve-live.mjs'), builds], {
    cwd: setup.siteRoot,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const closed = new Promise((r) => server.once('close', r));
    server.kill('SIGTERM');
    await closed;
  };
  const up = await waitFor(`${setup.siteUrl}/`, (status) => status === 200, 60_000);
  if (!up) {
    await stop();
    throw new Error('the live server did not answer');
  }
  return { builds, env, stop };
}

/** Polls `url` until `check` holds; false on timeout. */
async function waitFor(url: string, check: (status: number, body: string) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (check(res.status, await res.text())) return true;
    } catch {
      // Not up yet, or switching.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

interface PublishTimes {
  /** Command start → the letter answered by the live server as published. */
  liveMs: number;
  /** Command start → the live server's search index changed (the quick path's second switch). */
  searchMs: number | undefined;
  /** Command start → the command finished (with --wait, after the full build that follows). */
  totalMs: number;
  peakRssBytes: number;
}

/** `npm run publish` on the live site, timed until `url` shows the change and until the command ends. */
async function timePublish(
  setup: BuildSetup,
  site: LiveSite,
  args: string[],
  url: string,
  check: (status: number, body: string) => boolean,
  label: string,
): Promise<PublishTimes> {
  const logFile = path.join(setup.work, `publish-${label}.log`);
  const entryUrl = `${setup.siteUrl}/pagefind/pagefind-entry.json`;
  const entryBefore = await (await fetch(entryUrl)).text();
  const started = performance.now();
  const command = runMeasured(process.execPath, [path.join(setup.siteRoot, 'scripts/publish.ts'), ...args], {
    cwd: setup.siteRoot,
    env: site.env,
    logFile,
  });
  let liveMs: number | undefined;
  const watch = waitFor(url, check, 3_600_000).then((ok) => {
    if (ok) liveMs = performance.now() - started;
  });
  let searchMs: number | undefined;
  const search = waitFor(entryUrl, (status, body) => status === 200 && body !== entryBefore, 3_600_000).then((ok) => {
    if (ok) searchMs = performance.now() - started;
  });
  const result = await command;
  if (result.code !== 0) throw new Error(`publish failed (exit ${String(result.code)}):\n${await tail(logFile)}`);
  // The command may end before the server has switched workers; the watch sees the switch.
  await Promise.race([Promise.all([watch, search]), new Promise((r) => setTimeout(r, 60_000))]);
  if (liveMs === undefined) throw new Error(`publish ended but ${url} never showed the change`);
  return { liveMs, searchMs, totalMs: result.wallMs, peakRssBytes: result.peakRssBytes };
}

export interface BuildResults {
  figures: Figure[];
  raw: Record<string, { wallMs: number; peakRssBytes: number }[]>;
  /** Whether dist-bench-site holds a finished build of the corpus. */
  siteBuilt: boolean;
}

/**
 * Cold builds of the site, the baseline (unified + remark-gfm) and the baseline on Sätteri, interleaved
 * run by run so drifting machine load hits all three alike; then a warm site rebuild after one edit.
 */
export async function benchBuilds(
  setup: BuildSetup,
  runs: number,
  editLetter: GeneratedLetter,
  log: (msg: string) => void,
  only: ReadonlySet<BuildStep> = new Set(BUILD_STEPS),
): Promise<BuildResults> {
  // The site goes last in each run so its finished build is the one the later sections serve.
  const kinds = (['baseline', 'satteri', 'site'] as const).filter((k) => only.has(k));
  const skipped = (k: BuildStep) => (only.has(k) ? undefined : 'not run (--builds)');
  const raw: BuildResults['raw'] = {
    site: [],
    baseline: [],
    satteri: [],
    warm: [],
    added: [],
    search: [],
    follow: [],
  };
  const failures: Partial<Record<BuildKind | 'warm' | 'added', string>> = {};
  for (let run = 1; run <= runs; run++) {
    for (const kind of kinds) {
      if (failures[kind]) continue;
      log(`build ${kind}, cold, run ${String(run)}/${String(runs)}`);
      try {
        const m = await measureBuild(setup, kind, true, `${kind}-${String(run)}`);
        raw[kind]?.push({ wallMs: m.wallMs, peakRssBytes: m.peakRssBytes });
        log(`  ${(m.wallMs / 1000).toFixed(1)} s, peak ${(m.peakRssBytes / MB).toFixed(0)} MB`);
      } catch (err) {
        failures[kind] = err instanceof Error ? err.message : String(err);
        log(`  failed: ${failures[kind]}`);
      }
    }
  }
  const wantsPublish = only.has('warm') || only.has('added');
  let site: LiveSite | undefined;
  if (!failures.site && wantsPublish) {
    log('publish: the cold site build goes live (builds/current), served by scripts/serve-live.mjs');
    try {
      site = await startLiveSite(setup, log);
    } catch (err) {
      failures.warm = failures.added = err instanceof Error ? err.message : String(err);
      log(`  failed: ${failures.warm}`);
    }
  }
  try {
    if (site && only.has('warm')) {
      // The quick path alone: the full build that would follow is timed once, after the added letter.
      log('publish one changed letter (quick path, --no-follow), timed until the live page shows the edit');
      try {
        await touchOneLetter(setup.corpusDir, editLetter);
        const t = await timePublish(
          setup,
          site,
          ['--no-follow'],
          `${setup.siteUrl}/letters/${editLetter.id}/`,
          (status, body) => status === 200 && body.includes(EDIT_MARK),
          'warm',
        );
        raw.warm?.push({ wallMs: t.liveMs, peakRssBytes: t.peakRssBytes });
        if (t.searchMs !== undefined) raw.search?.push({ wallMs: t.searchMs, peakRssBytes: t.peakRssBytes });
        log(
          `  live after ${(t.liveMs / 1000).toFixed(1)} s, search index after ${seconds(t.searchMs)}, ` +
            `peak ${(t.peakRssBytes / MB).toFixed(0)} MB`,
        );
      } catch (err) {
        failures.warm = err instanceof Error ? err.message : String(err);
        log(`  failed: ${failures.warm}`);
      }
    }
    if (site && only.has('added')) {
      log('publish one added letter (quick path, then the full build with --wait), timed until it answers');
      try {
        const added = await addOneLetter(setup.corpusDir, editLetter);
        const t = await timePublish(
          setup,
          site,
          ['--wait'],
          `${setup.siteUrl}/letters/${added}/`,
          (status) => status === 200,
          'added',
        );
        raw.added?.push({ wallMs: t.liveMs, peakRssBytes: t.peakRssBytes });
        if (t.searchMs !== undefined) raw.search?.push({ wallMs: t.searchMs, peakRssBytes: t.peakRssBytes });
        raw.follow?.push({ wallMs: t.totalMs - t.liveMs, peakRssBytes: t.peakRssBytes });
        log(
          `  live after ${(t.liveMs / 1000).toFixed(1)} s, search index after ${seconds(t.searchMs)}; ` +
            `the full build that follows took ` +
            `${((t.totalMs - t.liveMs) / 1000).toFixed(1)} s more`,
        );
      } catch (err) {
        failures.added = err instanceof Error ? err.message : String(err);
        log(`  failed: ${failures.added}`);
      }
    }
  } finally {
    await site?.stop();
  }

  const time = (k: string) => (raw[k]?.length ? median(raw[k].map((r) => r.wallMs)) / 1000 : null);
  const mem = (k: string) => (raw[k]?.length ? median(raw[k].map((r) => r.peakRssBytes)) / MB : null);
  const why = (k: BuildStep) => (failures[k] ? `build failed: ${failures[k].split('\n')[0] ?? ''}` : skipped(k));
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);
  const [cold, base, sat, warm, added] = [time('site'), time('baseline'), time('satteri'), time('warm'), time('added')];
  const [siteMem, baseMem] = [mem('site'), mem('baseline')];
  const n = `median of ${String(runs)}`;
  const f = (label: string, value: number | null, unit: string, extra: Partial<Figure> = {}): Figure => {
    const fig: Figure = { section: 'Build', label, value, unit, ...extra };
    return fig;
  };
  const figures: Figure[] = [
    f('site build, cold (wall)', cold, 's', { note: why('site') ?? n }),
    f('baseline build, unified+gfm (wall)', base, 's', { note: why('baseline') ?? n }),
    f('baseline build, Sätteri (wall)', sat, 's', { note: why('satteri') ?? n }),
    f('site / baseline wall time', ratio(cold, base), 'x', { target: { op: '<=', value: 1.5 } }),
    f('baseline unified / Sätteri (remark cost)', ratio(base, sat), 'x'),
    f('publish one changed letter, until live (quick path)', warm, 's', {
      note: why('warm') ?? 'npm run publish: command start → the live server answers the edited page',
    }),
    f('warm rebuild / baseline cold', ratio(warm, base), 'x', { target: { op: '<=', value: 1 } }),
    f('add one letter and make it live (quick path)', added, 's', {
      note: why('added') ?? 'npm run publish: command start → the live server answers the new letter',
    }),
    f('quick publish: search index live (second switch)', time('search'), 's', {
      note: why('warm') ?? 'command start → the served index changed; median over the changed and the added letter',
    }),
    f('full build that follows a quick publish', time('follow'), 's', {
      note: why('added') ?? 'in the background after the switch: home, archive, topics, feeds, sitemap',
    }),
    f('add one letter / baseline cold', ratio(added, base), 'x', { target: { op: '<=', value: 0.5 } }),
    f('site peak memory (process tree)', siteMem, 'MB', { note: n }),
    f('baseline peak memory (process tree)', baseMem, 'MB', { note: n }),
    f('site / baseline peak memory', ratio(siteMem, baseMem), 'x', { target: { op: '<=', value: 1 } }),
    f('Sätteri baseline peak memory', mem('satteri'), 'MB'),
  ];
  return { figures, raw, siteBuilt: !failures.site };
}

/**
 * Cold builds of the site and the baseline at smaller corpus sizes, once each, so the report can show
 * how build time grows with letters. Runs before the main builds, whose site build the later sections use.
 */
export async function benchScaling(
  setup: BuildSetup,
  corpora: { letters: number; dir: string }[],
  log: (msg: string) => void,
): Promise<{ letters: number; site: number | null; baseline: number | null }[]> {
  const points = [];
  for (const { letters, dir } of corpora) {
    const at = { ...setup, corpusDir: dir };
    const one = async (kind: BuildKind) => {
      log(`scaling: build ${kind}, cold, ${String(letters)} letters`);
      try {
        const m = await measureBuild(at, kind, true, `${kind}-scale-${String(letters)}`);
        log(`  ${(m.wallMs / 1000).toFixed(1)} s`);
        return m.wallMs / 1000;
      } catch (err) {
        log(`  failed: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }
    };
    points.push({ letters, baseline: await one('baseline'), site: await one('site') });
  }
  return points;
}
