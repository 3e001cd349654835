// npm run data:import -- export.json                 (a data:export file, into an empty database)
// npm run data:import -- --wxr wordpress.xml         (WordPress comments)
// npm run data:import -- --disqus disqus.xml         (Disqus comments)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { letterIdFromPath } from '../../src/lib/letter-id';
import { countOf, nounFor } from '../../src/lib/plural';
import { config } from '../../src/server/config';
import { getDb } from '../../src/server/db';
import { CommentImportError, importComments, readDisqus, readWxr } from '../../src/server/data/comment-import';
import { ImportError, importData, parseExport } from '../../src/server/data/json-dump';
import type { ImportKnown } from '../../src/schemas/import';
import { runCli } from './run-cli';

const USAGE = 'Usage: npm run data:import -- <export.json> | --wxr <file.xml> | --disqus <file.xml>';

const contentDir = (): string => config().contentDir;

/** Slugs of every letter file, so comments can be matched without building the site. */
function knownLetters(): Set<string> {
  const dir = path.join(contentDir(), 'letters');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mdx'));
  return new Set(files.map((f) => letterIdFromPath(f)));
}

/** Topic ids and columnists' names from the content folder: what imported rows may refer to. */
function knownContent(): ImportKnown {
  const topics = JSON.parse(read(path.join(contentDir(), 'topics.json'))) as { id?: unknown }[];
  const columnistsDir = path.join(contentDir(), 'columnists');
  const names = readdirSync(columnistsDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => {
      const front = /^---\n([\s\S]*?)\n---/.exec(read(path.join(columnistsDir, f)))?.[1] ?? '';
      return (yaml.load(front) as { name?: unknown } | undefined)?.name;
    });
  return {
    topics: new Set(topics.map((t) => t.id).filter((v): v is string => typeof v === 'string')),
    columnistNames: new Set(names.filter((v): v is string => typeof v === 'string')),
  };
}

/** Text from the file, shown with control characters escaped so it cannot drive the terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ImportError(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { wxr: { type: 'string' }, disqus: { type: 'string' } },
    allowPositionals: true,
  });
  const chosen = [values.wxr, values.disqus, positionals[0]].filter(Boolean);
  if (chosen.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const db = await getDb();
  try {
    if (values.wxr || values.disqus) {
      const source = values.wxr ? 'wxr' : 'disqus';
      const xml = read(values.wxr ?? values.disqus ?? '');
      const comments = source === 'wxr' ? readWxr(xml) : readDisqus(xml);
      const report = await importComments(db, source, comments, knownLetters());
      console.log(
        `Imported ${countOf(report.imported, 'comment', 'comments')} from ${source}; ${String(report.alreadyImported)} ${nounFor(report.alreadyImported, 'was', 'were')} already imported.`,
      );
      for (const s of report.skipped) console.log(`  skipped ${printable(s.sourceId)}: ${printable(s.reason)}`);
      for (const u of report.unmatched)
        console.log(`  unmatched ${printable(u.sourceId)}: no letter for ${printable(u.thread)}`);
      return 0;
    }
    const counts = await importData(db, parseExport(read(positionals[0] ?? '')), knownContent());
    console.log(
      `Imported ${Object.entries(counts)
        .map(([t, n]) => `${String(n)} ${t}`)
        .join(', ')}.`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

runCli('Import', main, [ImportError, CommentImportError]);
