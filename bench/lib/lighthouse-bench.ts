import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHROME_FLAGS, CHROMIUM } from './browser.ts';
import type { Figure } from './report.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, { score: number | null; displayValue?: string; numericValue?: number } | undefined>;
  runtimeError?: { code: string; message: string };
}

/** The weighted audits that cost a category points, e.g. "cumulative-layout-shift 0.302". */
function shortfalls(report: LighthouseReport, category: string): string {
  const refs = report.categories[category]?.auditRefs ?? [];
  return refs
    .filter((ref) => ref.weight > 0)
    .map((ref) => ({ id: ref.id, audit: report.audits[ref.id] }))
    .filter(({ audit }) => typeof audit?.score === 'number' && audit.score < 1)
    .map(({ id, audit }) => `${id}${audit?.displayValue ? ` ${audit.displayValue}` : ''}`)
    .join('; ');
}

const score = (r: LighthouseReport, c: string) => r.categories[c]?.score ?? null;
const blocking = (r: LighthouseReport) => r.audits['total-blocking-time']?.numericValue ?? Number.NaN;
const load1 = () => os.loadavg()[0]?.toFixed(1) ?? '?';

/**
 * One headless Chromium for every run. Lighthouse's own CLI starts a fresh browser per run, and a browser's
 * first navigation pays for its own start-up (an unattributable long task of a third of a second or more)
 * that a visitor's already-running browser never shows.
 */
async function startChromium(profile: string): Promise<{ port: number; child: ChildProcess }> {
  await rm(profile, { recursive: true, force: true });
  await mkdir(profile, { recursive: true });
  const child = spawn(
    CHROMIUM,
    [...CHROME_FLAGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: 'ignore' },
  );
  // Port 0 lets Chromium pick a free port; it writes the one it chose to this file.
  for (let i = 0; i < 150; i++) {
    const text = await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const port = Number(text.split('\n')[0]);
    if (port > 0) return { port, child };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  child.kill();
  throw new Error('Chromium did not open a DevTools port');
}

function runLighthouse(root: string, url: string, outFile: string, port: number): Promise<number | null> {
  const bin = path.join(root, 'node_modules/lighthouse/cli/index.js');
  const args = [
    bin,
    url,
    '--output=json',
    `--output-path=${outFile}`,
    '--quiet',
    `--port=${String(port)}`,
    `--only-categories=${CATEGORIES.join(',')}`,
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'ignore' });
  return new Promise((resolve) => child.on('close', resolve));
}

async function readReport(file: string): Promise<LighthouseReport | undefined> {
  try {
    const report = JSON.parse(await readFile(file, 'utf8')) as LighthouseReport;
    return report.runtimeError ? undefined : report;
  } catch {
    return undefined;
  }
}

/** The run in the middle by performance score (then by blocking time), as Lighthouse's docs advise. */
export function medianRun(reports: readonly LighthouseReport[]): LighthouseReport | undefined {
  const sorted = [...reports].sort(
    (a, b) => (score(a, 'performance') ?? 0) - (score(b, 'performance') ?? 0) || blocking(b) - blocking(a),
  );
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function range(values: number[], unit = ''): string {
  if (values.length === 0) return 'n/a';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? `${String(lo)}${unit}` : `${String(lo)}–${String(hi)}${unit}`;
}

/**
 * Lighthouse (mobile, its default) on each page: a discarded warm-up run, then `runs` runs whose median
 * is reported with the spread and the load average; a page the site does not serve yet is reported as n/a.
 */
export async function benchLighthouse(
  root: string,
  work: string,
  baseUrl: string,
  pages: readonly { name: string; path: string }[],
  log: (m: string) => void,
  runs = 5,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  const browser = await startChromium(path.join(work, 'lighthouse-profile'));
  try {
    for (const page of pages) {
      const url = baseUrl + page.path;
      const label = (c: string) => `${page.name} ${c}`;
      const status = await fetch(url).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status;
        },
        () => 0,
      );
      if (status !== 200) {
        for (const c of CATEGORIES) {
          figures.push({
            section: 'Lighthouse',
            label: label(c),
            value: null,
            unit: 'score',
            note: `n/a — ${page.path} answers ${String(status)}`,
          });
        }
        continue;
      }
      const loadBefore = load1();
      log(`lighthouse ${page.path}: warm-up, then ${String(runs)} runs (load ${loadBefore})`);
      const warmFile = path.join(work, `lighthouse-${page.name}-warm-up.json`);
      await rm(warmFile, { force: true });
      await runLighthouse(root, url, warmFile, browser.port);
      const reports: LighthouseReport[] = [];
      let lastCode: number | null = null;
      for (let i = 1; i <= runs; i++) {
        const outFile = path.join(work, `lighthouse-${page.name}-${String(i)}.json`);
        await rm(outFile, { force: true });
        lastCode = await runLighthouse(root, url, outFile, browser.port);
        const report = await readReport(outFile);
        if (report) reports.push(report);
      }
      const loadAfter = load1();
      const median = medianRun(reports);
      if (median) {
        await writeFile(path.join(work, `lighthouse-${page.name}.json`), JSON.stringify(median));
      }
      const spread = `median of ${String(reports.length)} after a warm-up, load ${loadBefore} → ${loadAfter}`;
      for (const c of CATEGORIES) {
        const value = median ? score(median, c) : null;
        const scores = reports.map((r) => score(r, c)).filter((s): s is number => s !== null);
        const why = `lighthouse exited ${String(lastCode)} without a report`;
        const lacks = median ? shortfalls(median, c) : '';
        figures.push({
          section: 'Lighthouse',
          label: label(c),
          value: typeof value === 'number' ? Math.round(value * 100) : null,
          unit: 'score',
          target: { op: '>=', value: 100 },
          note:
            typeof value === 'number'
              ? `${range(scores.map((s) => Math.round(s * 100)))} (${spread})${lacks ? `; ${lacks}` : ''}`
              : why,
        });
      }
      const tbts = reports.map(blocking).filter(Number.isFinite);
      figures.push({
        section: 'Lighthouse',
        label: `${page.name} total blocking time`,
        value: median ? blocking(median) : null,
        unit: 'ms',
        note: `${range(tbts.map(Math.round), ' ms')} (${spread})`,
      });
    }
  } finally {
    browser.child.kill();
  }
  return figures;
}
