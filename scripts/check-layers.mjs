// The layering rules of docs/ARCHITECTURE.md, checked from the code's own imports:
// every relative import and every `astro:*` import under src/ is read, resolved to the folder
// (layer) it lands in, and held against the table below. Cycles between modules are refused too.
//   node scripts/check-layers.mjs        exits 1 and lists each broken rule
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'src');

/**
 * Which layers each layer may import. A layer is the first folder under src/ (a file directly
 * under src/ is its own layer). Higher layers list the lower ones they use; nothing imports upward.
 */
const allowed = {
  lib: ['lib'],
  schemas: ['lib', 'schemas'],
  server: ['lib', 'schemas', 'server'],
  catalogue: ['lib', 'schemas', 'catalogue'],
  og: ['lib', 'schemas', 'catalogue', 'server', 'og'],
  actions: ['lib', 'schemas', 'server', 'actions'],
  islands: ['lib', 'scripts', 'islands'],
  scripts: ['lib', 'scripts'],
  components: ['lib', 'schemas', 'catalogue', 'scripts', 'islands', 'components', 'styles'],
  layouts: ['lib', 'schemas', 'catalogue', 'scripts', 'components', 'layouts', 'styles'],
  integrations: ['lib', 'schemas', 'catalogue', 'server', 'integrations', 'og'],
  pages: [
    'lib',
    'schemas',
    'server',
    'catalogue',
    'og',
    'scripts',
    'islands',
    'components',
    'layouts',
    'styles',
    'pages',
  ],
  styles: ['styles'],
  'middleware.ts': ['server', 'lib'],
  'content.config.ts': ['schemas', 'lib', 'server'],
  // Declarations only (App.Locals): it names the types the site server hands to routes.
  'locals.d.ts': ['server'],
};

/** Type-only imports leave nothing behind at run time: any layer above lib may take types from these. */
const typeSources = ['lib', 'schemas', 'server'];

/** Virtual modules a layer may import: content only through the catalogue, actions only from islands and actions. */
const allowedVirtual = {
  'astro:content': ['catalogue', 'schemas', 'content.config.ts'],
  'astro:actions': ['actions', 'islands', 'pages', 'components', 'layouts', 'middleware.ts'],
  'astro:middleware': ['middleware.ts'],
  'astro:schema': ['schemas'],
};
const virtualForAll = new Set(['astro:assets', 'astro:env', 'astro:transitions']);

const sourceExt = /\.(ts|tsx|mjs|js|astro)$/;
const importPattern =
  /(?:^|[\s;])(?:import|export)\s(type\s)?[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/gm;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return sourceExt.test(entry.name) || entry.name.endsWith('.css') ? [full] : [];
  });
}

function layerOf(file) {
  const [first] = path.relative(root, file).split(path.sep);
  return first ?? '';
}

function resolveRelative(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, ...['.ts', '.tsx', '.astro', '.mjs', '.js'].map((ext) => base + ext)];
  candidates.push(...['index.ts', 'index.tsx'].map((name) => path.join(base, name)));
  return candidates.find((candidate) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

const files = walk(root);
const problems = [];
const graph = new Map();

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const source = text;
  const layer = layerOf(file);
  const edges = [];
  for (const match of source.matchAll(importPattern)) {
    const typeOnly = match[1] !== undefined;
    const specifier = match[2] ?? match[3];
    if (!specifier) continue;
    const where = path.relative(process.cwd(), file);
    if (specifier.startsWith('astro:')) {
      if (virtualForAll.has(specifier)) continue;
      if (!(allowedVirtual[specifier] ?? []).includes(layer))
        problems.push(`${where}: ${layer} may not import ${specifier}`);
      continue;
    }
    if (!specifier.startsWith('.')) continue;
    const target = resolveRelative(file, specifier);
    if (!target) continue;
    if (!target.startsWith(root + path.sep)) {
      problems.push(`${where}: imports ${specifier}, outside src/`);
      continue;
    }
    const targetLayer = layerOf(target);
    const rule = allowed[layer];
    if (!rule) problems.push(`${where}: no layering rule for ${layer}; add it to scripts/check-layers.mjs`);
    else if (!rule.includes(targetLayer) && !(typeOnly && layer !== 'lib' && typeSources.includes(targetLayer)))
      problems.push(`${where}: ${layer} may not import ${targetLayer} (${specifier})`);
    if (!target.endsWith('.css') && !typeOnly) edges.push(target);
  }
  graph.set(file, edges);
}

// Cycles: a depth-first walk that meets a module still on its own stack.
const state = new Map();
function visit(file, stack) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'open') {
      const cycle = stack.slice(stack.indexOf(next)).concat(next);
      problems.push(`cycle: ${cycle.map((f) => path.relative(root, f)).join(' → ')}`);
    } else if (!state.has(next)) visit(next, stack);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of graph.keys()) if (!state.has(file)) visit(file, []);

if (problems.length > 0) {
  console.error(`Layering: ${String(problems.length)} broken rule(s) (see docs/ARCHITECTURE.md):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
const arrows = [...graph.values()].reduce((sum, edges) => sum + edges.length, 0);
console.log(`Layering: ${String(files.length)} modules, ${String(arrows)} imports, 0 upward arrows, 0 cycles.`);
