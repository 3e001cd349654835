import { appendFile, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

/** One build (the site's `npm run build`, or `astro build` of a baseline), measured; `cold` wipes its output and cache first. */
export async function measureBuild(
  setup: BuildSetup,
  kind: BuildKind,
  cold: boolean,
  label: string,
): Promise<Measured> {
  const { outDir, cacheDir } = buildDirs(setup.root, kind);
  // Social images are cached outside Astro's cacheDir by default; keep them with this build's cache.
  const ogCacheDir = path.join(cacheDir, 'og');
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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTENT_DIR: setup.corpusDir,
    ASTRO_OUT_DIR: outDir,
    ASTRO_CACHE_DIR: cacheDir,
    ASTRO_TELEMETRY_DISABLED: '1',
    SITE_URL: setup.siteUrl,
    NODE_ENV: 'production',
    MARKDOWN_PROCESSOR: kind === 'satteri' ? 'satteri' : 'unified',
    OG_CACHE_DIR: ogCacheDir,
    NO_COLOR: '1',
  };
  const logFile = path.join(setup.work, `build-${label}.log`);
  const cwd = kind === 'site' ? setup.siteRoot : setup.root;
  const result = await runMeasured(command, args, { cwd, env, logFile });
  if (result.code !== 0) throw new Error(`${kind} build failed (exit ${String(result.code)}):\n${await tail(logFile)}`);
  return result;
}

/** Adds a new letter next to `model` (same text, its own file and slug), as publishing one more would. */
async function addOneLetter(corpusDir: string, model: GeneratedLetter): Promise<void> {
  const file = path.join(corpusDir, 'letters', model.fileName.replace(/\.mdx$/, '-added.mdx'));
  await writeFile(file, model.source);
}

/** Changes one letter's answer, as an editor's small correction would. */
async function touchOneLetter(corpusDir: string, letter: GeneratedLetter): Promise<void> {
  const file = path.join(corpusDir, 'letters', letter.fileName);
  const source = await readFile(file, 'utf8');
  const edited = source.replace('</Answer>', 'One more thought, added in an edit after publication.\n\n</Answer>');
  if (edited === source) await appendFile(file, '\n');
  else await writeFile(file, edited);
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
  const raw: BuildResults['raw'] = { site: [], baseline: [], satteri: [], warm: [], added: [] };
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
  if (!failures.site && only.has('warm')) {
    log('build site, warm, after changing one letter');
    try {
      await touchOneLetter(setup.corpusDir, editLetter);
      const m = await measureBuild(setup, 'site', false, 'site-warm');
      raw.warm?.push({ wallMs: m.wallMs, peakRssBytes: m.peakRssBytes });
      log(`  ${(m.wallMs / 1000).toFixed(1)} s, peak ${(m.peakRssBytes / MB).toFixed(0)} MB`);
    } catch (err) {
      failures.warm = err instanceof Error ? err.message : String(err);
      log(`  failed: ${failures.warm}`);
    }
  }
  if (!failures.site && only.has('added')) {
    // Making a new letter live is a build into a fresh folder (then an instant switch, see npm run publish).
    log('build site, warm, after adding one letter');
    try {
      await addOneLetter(setup.corpusDir, editLetter);
      const m = await measureBuild(setup, 'site', false, 'site-added');
      raw.added?.push({ wallMs: m.wallMs, peakRssBytes: m.peakRssBytes });
      log(`  ${(m.wallMs / 1000).toFixed(1)} s, peak ${(m.peakRssBytes / MB).toFixed(0)} MB`);
    } catch (err) {
      failures.added = err instanceof Error ? err.message : String(err);
      log(`  failed: ${failures.added}`);
    }
  }

  const time = (k: string) => (raw[k]?.length ? median(raw[k].map((r) => r.wallMs)) / 1000 : null);
  const mem = (k: string) => (raw[k]?.length ? median(raw[k].map((r) => r.peakRssBytes)) / MB : null);
  const why = (k: BuildStep) => (failures[k] ? `build failed: ${failures[k].split('\n')[0] ?? ''}` : skipped(k));
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);
  const [site, base, sat, warm, added] = [time('site'), time('baseline'), time('satteri'), time('warm'), time('added')];
  const [siteMem, baseMem] = [mem('site'), mem('baseline')];
  const n = `median of ${String(runs)}`;
  const f = (label: string, value: number | null, unit: string, extra: Partial<Figure> = {}): Figure => {
    const fig: Figure = { section: 'Build', label, value, unit, ...extra };
    return fig;
  };
  const figures: Figure[] = [
    f('site build, cold (wall)', site, 's', { note: why('site') ?? n }),
    f('baseline build, unified+gfm (wall)', base, 's', { note: why('baseline') ?? n }),
    f('baseline build, Sätteri (wall)', sat, 's', { note: why('satteri') ?? n }),
    f('site / baseline wall time', ratio(site, base), 'x', { target: { op: '<=', value: 1.5 } }),
    f('baseline unified / Sätteri (remark cost)', ratio(base, sat), 'x'),
    f('site warm rebuild, one letter changed', warm, 's', { note: why('warm') ?? 'cache kept' }),
    f('warm rebuild / baseline cold', ratio(warm, base), 'x', { target: { op: '<=', value: 1 } }),
    f('add one letter and make it live (warm build)', added, 's', {
      note: why('added') ?? 'cache kept; the switch itself is instant',
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
