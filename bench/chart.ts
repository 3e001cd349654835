// Redraws bench/results/build-scaling.svg from stored results: node bench/chart.ts [file.json …]
// (a full run draws it by itself; this combines runs made at different sizes, e.g. on a busy machine).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scalingChart, type ScalePoint } from './lib/chart.ts';

interface Stored {
  options?: { letters?: number };
  figures?: { section: string; label: string; value: number | null }[];
}

const dir = path.join(import.meta.dirname, 'results');
const points = new Map<number, ScalePoint>();
const at = (letters: number) => points.get(letters) ?? { letters, site: null, baseline: null };
// Only the named files when given: results of older code would draw another site.
const named = process.argv.slice(2).map((f) => path.basename(f));
const files = named.length ? named : (await readdir(dir)).filter((f) => f.endsWith('.json'));
for (const name of files) {
  const stored = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Stored;
  for (const f of stored.figures ?? []) {
    if (f.value === null) continue;
    const scaled = /^(site|baseline) build, (\d+) letters$/.exec(f.label);
    const main = f.label === 'site build, cold (wall)' || f.label === 'baseline build, unified+gfm (wall)';
    const letters = scaled ? Number(scaled[2]) : main ? stored.options?.letters : undefined;
    if (!letters) continue;
    const point = at(letters);
    point[f.label.startsWith('site') ? 'site' : 'baseline'] = f.value;
    points.set(letters, point);
  }
}
const sorted = [...points.values()].sort((a, b) => a.letters - b.letters);
await writeFile(path.join(dir, 'build-scaling.svg'), scalingChart(sorted, 'Cold build time against letters (2 cores)'));
console.log(
  sorted.map((p) => `${String(p.letters)}: site ${String(p.site)} s, baseline ${String(p.baseline)} s`).join('\n'),
);
