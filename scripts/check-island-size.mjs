#!/usr/bin/env node
// Budget check for the replies island: its own code (every chunk it loads that React's renderer
// does not also load) must stay within 12 kB gzip. Run after a build:
//   node scripts/check-island-size.mjs [outDir]      (outDir defaults to $ASTRO_OUT_DIR or dist)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 12 * 1024;
const outDir = process.argv[2] ?? process.env.ASTRO_OUT_DIR ?? 'dist';
const assets = path.join(outDir, 'client', '_astro');

function fail(message) {
  console.error(`check-island-size: ${message}`);
  process.exit(1);
}

if (!existsSync(assets)) fail(`${assets} does not exist; build the site first.`);
const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
const entry = files.find((f) => /^Replies\.[\w-]+\.js$/.test(f));
if (!entry) fail(`no Replies.*.js island chunk in ${assets}`);
// @astrojs/react's client entry: whatever it loads is React itself, which the budget leaves aside.
const renderers = files.filter((f) => /^client\.[\w-]+\.js$/.test(f));
if (renderers.length === 0) fail(`no React renderer chunk (client.*.js) in ${assets}`);

/** Chunks reachable through static and dynamic relative imports. */
function reachable(start) {
  const seen = new Set();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(assets, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["'`]\.\/([\w.-]+\.js)["'`]/g)) {
      if (m[1] && files.includes(m[1])) queue.push(m[1]);
    }
  }
  return seen;
}

const react = new Set(renderers.flatMap((r) => [...reachable(r)]));
const own = [...reachable(entry)].filter((f) => !react.has(f));
let total = 0;
for (const file of own) {
  const gz = gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length;
  total += gz;
  console.log(`  ${file}: ${(gz / 1024).toFixed(2)} kB gzip`);
}
const summary = `replies island: ${(total / 1024).toFixed(2)} kB gzip of its own code (budget ${String(BUDGET / 1024)} kB, React aside)`;
if (total > BUDGET) fail(summary);
console.log(summary);
