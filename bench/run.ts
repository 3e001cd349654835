// npm run bench -- [--letters N] [--quick] [--runs R] [--seconds S] [--scale 1000,2000] [--builds baseline,satteri,site,warm,added] [--port 4360] [--query word] [--only build,search,pages,replies,lighthouse] [--strict]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  benchBuilds,
  benchScaling,
  BUILD_STEPS,
  buildDirs,
  prepareSiteRoot,
  type BuildStep,
} from './lib/build-bench.ts';
import { scalingChart, type ScalePoint } from './lib/chart.ts';
import { benchLighthouse } from './lib/lighthouse-bench.ts';
import { benchLetterPage } from './lib/pages-bench.ts';
import { median } from './lib/proc.ts';
import { benchReplies } from './lib/replies-bench.ts';
import { renderMarkdown, renderTable, verdict, type Figure } from './lib/report.ts';
import { benchIndex, benchQuery } from './lib/search-bench.ts';
import { startServer } from './lib/server.ts';
import { writeCorpus } from './lib/write-corpus.ts';

const SECTIONS = ['build', 'search', 'pages', 'replies', 'lighthouse'] as const;
type Section = (typeof SECTIONS)[number];

function options() {
  const { values } = parseArgs({
    options: {
      letters: { type: 'string' },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string', default: '7' },
      query: { type: 'string', default: 'leather' },
      only: { type: 'string', default: SECTIONS.join(',') },
      strict: { type: 'boolean', default: false },
      scale: { type: 'string' },
      port: { type: 'string', default: '4360' },
      builds: { type: 'string', default: BUILD_STEPS.join(',') },
    },
  });
  const quick = values.quick;
  const int = (v: string | undefined, fallback: number, name: string): number => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${String(v)}"`);
    return n;
  };
  const only = values.only.split(',').map((s) => s.trim());
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`--only knows ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  const builds = values.builds.split(',').map((b) => b.trim());
  const unknownBuilds = builds.filter((b) => !(BUILD_STEPS as readonly string[]).includes(b));
  if (unknownBuilds.length)
    throw new Error(`--builds knows ${BUILD_STEPS.join(', ')}; not ${unknownBuilds.join(', ')}`);
  if (!/^[\p{L}]+$/u.test(values.query)) throw new Error('--query must be one word');
  const letters = int(values.letters, quick ? 40 : 1000, 'letters');
  // Smaller corpora built once each for the scaling figures and chart; none in the quick run.
  const scale = (values.scale ?? (quick ? '' : '1000,2000'))
    .split(',')
    .filter(Boolean)
    .map((v) => int(v.trim(), 1, 'scale'))
    .filter((n) => n < letters);
  return {
    quick,
    letters,
    scale,
    builds: new Set(builds as BuildStep[]),
    /** First of three ports the benchmark's servers listen on (a shared machine gives each user a range). */
    port: int(values.port, 4360, 'port'),
    runs: int(values.runs, quick ? 1 : 3, 'runs'),
    seconds: int(values.seconds, quick ? 3 : 10, 'seconds'),
    seed: int(values.seed, 7, 'seed'),
    query: values.query,
    only: new Set(only as Section[]),
    strict: values.strict,
  };
}

const startedAt = Date.now();
const log = (msg: string) => {
  const t = ((Date.now() - startedAt) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`[bench ${t}s] ${msg}\n`);
};

function gitCommit(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const opt = options();
  const root = process.cwd();
  // Outside the repository, so formatters, linters and type checks never see the corpus or the project copy.
  const work = path.resolve(process.env.BENCH_WORK_DIR ?? path.join(os.tmpdir(), 'pursebop-bench'));
  const corpusDir = path.join(work, `corpus-${String(opt.letters)}`);
  const siteUrl = `http://127.0.0.1:${String(opt.port)}`;
  await mkdir(work, { recursive: true });
  const load = [os.loadavg()[0] ?? 0];
  const figures: Figure[] = [];
  const failures: string[] = [];
  /** Runs one section; an unexpected error becomes an n/a row instead of ending the benchmark. */
  const guard = async (section: string, label: string, measure: () => Promise<Figure[]>) => {
    try {
      figures.push(...(await measure()));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push(`${section}: ${message}`);
      log(`${section} failed: ${message}`);
      figures.push({ section, label, value: null, unit: '', note: `error: ${message.split('\n')[0] ?? ''}` });
    }
  };

  const resultsDir = path.join(root, 'bench', 'results');
  const name = `${opt.quick ? 'quick' : 'full'}-${String(opt.letters)}.json`;
  /** Written after every section, so a run cut short still leaves what it measured. */
  const save = async (complete: boolean) => {
    const result = {
      complete,
      startedAt: new Date(startedAt).toISOString(),
      seconds: Math.round((Date.now() - startedAt) / 1000),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      commit: gitCommit(root),
      options: { ...opt, only: [...opt.only], builds: [...opt.builds] },
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverage1m: { start: load[0], median: median(load), end: load.at(-1) },
      },
      figures: figures.map((f) => ({ ...f, result: verdict(f) })),
      errors: failures,
    };
    await mkdir(resultsDir, { recursive: true });
    await writeFile(path.join(resultsDir, name), `${JSON.stringify(result, null, 2)}\n`);
  };

  log(`generating ${String(opt.letters)} letters (seed ${String(opt.seed)}) into ${corpusDir}`);
  const letters = await writeCorpus({
    dir: corpusDir,
    contentDir: path.join(root, 'content'),
    count: opt.letters,
    seed: opt.seed,
  });
  // The measured page has a table when one exists, so table styles are in the weight; the edited one is another letter.
  const measured = letters.find((l) => l.source.includes('| --- |')) ?? letters[0];
  const edited = letters.find((l) => l !== measured) ?? letters[0];
  if (!measured || !edited) throw new Error('no letters generated');

  const { outDir } = buildDirs(root, 'site');
  const clientDir = path.join(outDir, 'client');
  let siteBuilt = true;
  if (opt.only.has('build')) {
    const siteRoot = path.join(work, 'site-root');
    log(`copying the project to ${siteRoot} for isolated site builds`);
    await prepareSiteRoot(root, siteRoot);
    const setup = { root, siteRoot, work, corpusDir, siteUrl };
    const corpora = [];
    for (const size of opt.scale) {
      const dir = path.join(work, `corpus-${String(size)}`);
      log(`generating ${String(size)} letters for the scaling figures`);
      await writeCorpus({ dir, contentDir: path.join(root, 'content'), count: size, seed: opt.seed });
      corpora.push({ letters: size, dir });
    }
    const smaller = await benchScaling(setup, corpora, log);
    const builds = await benchBuilds(setup, opt.runs, edited, log, opt.builds);
    figures.push(...builds.figures);
    siteBuilt = builds.siteBuilt;
    const at = (label: string) => figures.find((f) => f.section === 'Build' && f.label === label)?.value ?? null;
    const points: ScalePoint[] = [
      ...smaller,
      { letters: opt.letters, site: at('site build, cold (wall)'), baseline: at('baseline build, unified+gfm (wall)') },
    ];
    figures.push(...scalingFigures(points));
    if (points.length > 1 && !opt.quick) {
      const chart = scalingChart(points, 'Cold build time against letters (2 cores)');
      await mkdir(path.join(root, 'bench', 'results'), { recursive: true });
      await writeFile(path.join(root, 'bench', 'results', 'build-scaling.svg'), chart);
    }
    load.push(os.loadavg()[0] ?? 0);
    await save(false);
  } else log('build section skipped: later sections use the existing dist-bench-site');
  const notBuilt = (section: string, label: string): Figure => ({
    section,
    label,
    value: null,
    unit: '',
    note: 'n/a — the site did not build',
  });

  if (opt.only.has('search')) {
    if (!siteBuilt) figures.push(notBuilt('Search', 'Pagefind index'));
    else await guard('Search', 'Pagefind index', async () => (await benchIndex(root, work, clientDir, log)).figures);
  }

  const wantsServer = opt.only.has('search') || opt.only.has('pages') || opt.only.has('lighthouse');
  if (siteBuilt && wantsServer) {
    const server = await startServer({
      root,
      outDir,
      port: opt.port,
      logFile: path.join(work, 'server-pages.log'),
      env: {
        SQLITE_PATH: path.join(work, `pages-${String(Date.now())}.sqlite`),
        DATABASE_URL: '',
        SITE_SECRET: randomBytes(32).toString('hex'),
      },
    }).catch((err: unknown) => {
      failures.push(`server: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    if (server) {
      try {
        if (opt.only.has('search'))
          await guard('Search', 'one-word query', () => benchQuery(server.url, opt.query, log));
        if (opt.only.has('pages'))
          await guard('Letter page', 'page weight', () => benchLetterPage(server.url, clientDir, measured.id, log));
        if (opt.only.has('lighthouse')) {
          const pages = [
            { name: 'home', path: '/' },
            { name: 'letter', path: `/letters/${measured.id}/` },
            { name: 'search', path: '/search' },
            { name: 'ask', path: '/ask' },
          ];
          await guard('Lighthouse', 'scores', () =>
            benchLighthouse(root, work, server.url, pages, log, opt.quick ? 3 : 5),
          );
        }
      } finally {
        await server.stop();
      }
    } else
      figures.push({
        section: 'Server',
        label: 'built server',
        value: null,
        unit: '',
        note: 'n/a — the built server did not start',
      });
  } else if (wantsServer) figures.push(notBuilt('Pages', 'search, page weight, Lighthouse'));

  await save(false);
  if (opt.only.has('replies')) {
    // The quick run skips the 20,000-reply thread: it is there to show scale, and CI must stay fast.
    const bigLetterId = opt.quick ? undefined : edited.id;
    const base = { root, work, outDir, letterId: measured.id, bigLetterId, seconds: opt.seconds };
    if (!siteBuilt) figures.push(notBuilt('Replies', 'load'));
    else {
      await guard('Replies (SQLite)', 'load', () => benchReplies({ ...base, port: opt.port + 1 }, log));
      const pgUrl = process.env.DATABASE_URL;
      if (pgUrl)
        await guard('Replies (PostgreSQL)', 'load', () =>
          benchReplies({ ...base, port: opt.port + 2, databaseUrl: pgUrl }, log),
        );
    }
  }
  load.push(os.loadavg()[0] ?? 0);

  await save(true);

  await rm(path.join(work, 'site-root'), { recursive: true, force: true });
  log(`logs of this run are in ${work}`);

  const misses = figures.filter((f) => verdict(f) === 'MISS').length;
  const passes = figures.filter((f) => verdict(f) === 'PASS').length;
  console.log(
    `\nDear PurseBop benchmark — ${String(opt.letters)} letters, ${String(opt.runs)} run(s), ${String(os.cpus().length)} cores, load avg ${load.map((l) => l.toFixed(1)).join(' → ')}`,
  );
  console.log(renderTable(figures));
  // The table for the README's Performance section, so it is pasted rather than retyped.
  const markdownName = name.replace(/\.json$/, '.md');
  const heading = `${String(opt.letters)} letters, ${String(opt.runs)} run(s), commit \`${gitCommit(root)}\`, load average ${load.map((l) => l.toFixed(1)).join(' → ')} (\`npm run bench -- ${process.argv.slice(2).join(' ')}\`)`;
  await writeFile(path.join(resultsDir, markdownName), renderMarkdown(figures, heading));
  console.log(`\ntargets: ${String(passes)} met, ${String(misses)} missed; results in bench/results/${name}`);
  console.log(`the table for the README's Performance section: bench/results/${markdownName}`);
  if (failures.length) console.log(`errors:\n  ${failures.join('\n  ')}`);
  return opt.strict && failures.length ? 1 : 0;
}

/** Build time at each size, and whether seconds per letter stayed flat (linear) from the smallest size up. */
function scalingFigures(points: readonly ScalePoint[]): Figure[] {
  const rows: Figure[] = points.flatMap((p) => [
    { section: 'Scaling', label: `site build, ${String(p.letters)} letters`, value: p.site, unit: 's' },
    { section: 'Scaling', label: `baseline build, ${String(p.letters)} letters`, value: p.baseline, unit: 's' },
  ]);
  const first = points[0];
  const last = points.at(-1);
  if (points.length > 1 && first && last) {
    const perLetter = (p: ScalePoint) => (p.site === null ? null : p.site / p.letters);
    const [a, b] = [perLetter(first), perLetter(last)];
    rows.push({
      section: 'Scaling',
      label: `site s/letter at ${String(last.letters)} ÷ at ${String(first.letters)}`,
      value: a !== null && b !== null ? b / a : null,
      unit: 'x',
      // Fixed start-up costs make a linear build come out below 1; above 1 means worse than linear.
      target: { op: '<=', value: 1 },
    });
  }
  return rows;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
