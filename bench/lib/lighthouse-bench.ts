import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { CHROME_FLAGS, CHROMIUM } from './browser.ts';
import type { Figure } from './report.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, { score: number | null; displayValue?: string } | undefined>;
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

function runLighthouse(root: string, url: string, outFile: string): Promise<number | null> {
  const bin = path.join(root, 'node_modules/lighthouse/cli/index.js');
  const args = [
    bin,
    url,
    '--output=json',
    `--output-path=${outFile}`,
    '--quiet',
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${[...CHROME_FLAGS, '--headless=new'].join(' ')}`,
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, CHROME_PATH: CHROMIUM },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.on('close', resolve));
}

/** Lighthouse (mobile, its default) on each page; a page the site does not serve yet is reported as n/a. */
export async function benchLighthouse(
  root: string,
  work: string,
  baseUrl: string,
  pages: readonly { name: string; path: string }[],
  log: (m: string) => void,
): Promise<Figure[]> {
  const figures: Figure[] = [];
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
    log(`lighthouse ${page.path}`);
    const outFile = path.join(work, `lighthouse-${page.name}.json`);
    await rm(outFile, { force: true });
    const code = await runLighthouse(root, url, outFile);
    let report: LighthouseReport | undefined;
    try {
      report = JSON.parse(await readFile(outFile, 'utf8')) as LighthouseReport;
    } catch {
      report = undefined;
    }
    for (const c of CATEGORIES) {
      const score = report?.categories[c]?.score;
      const why = report?.runtimeError?.message ?? `lighthouse exited ${String(code)} without a report`;
      figures.push({
        section: 'Lighthouse',
        label: label(c),
        value: typeof score === 'number' ? Math.round(score * 100) : null,
        unit: 'score',
        target: { op: '>=', value: 100 },
        note: typeof score === 'number' ? (report ? shortfalls(report, c) : '') : why,
      });
    }
  }
  return figures;
}
