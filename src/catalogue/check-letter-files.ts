import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { frontmatterProblems, frontmatterReport, type KnownIds } from '../lib/frontmatter-check';
import { letterIdFromPath } from '../lib/letter-id';

/** Thrown before Astro validates any letter, with every broken letter listed. */
export class FrontmatterError extends Error {
  override name = 'FrontmatterError';
}

function frontmatterOf(source: string): unknown {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  return m ? yaml.load(m[1] ?? '') : undefined;
}

/**
 * Reads every letter under `contentDir/letters` (or only the files `only` names, relative to it, as a
 * quick publish does: the others were checked when the live build was made) and throws one
 * FrontmatterError naming each broken letter, its file, the field, the value given and what is expected.
 */
export function checkLetterFiles(contentDir: string, only?: readonly string[]): void {
  const lettersDir = path.join(contentDir, 'letters');
  const files = readdirSync(lettersDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mdx'))
    .sort();
  const topicsFile = JSON.parse(readFileSync(path.join(contentDir, 'topics.json'), 'utf8')) as unknown;
  const known: KnownIds = {
    columnists: new Set(
      readdirSync(path.join(contentDir, 'columnists'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => f.replace(/\.md$/, '')),
    ),
    topics: new Set(
      Array.isArray(topicsFile)
        ? topicsFile.map((t) => (t as { id?: unknown }).id).filter((id): id is string => typeof id === 'string')
        : Object.keys(topicsFile as object),
    ),
    letters: new Set(files.map((f) => letterIdFromPath(f))),
  };
  const broken: { file: string; problems: string[] }[] = [];
  const checked = only ? files.filter((file) => only.includes(file)) : files;
  for (const file of checked) {
    const where = path.join(lettersDir, file);
    let data: unknown;
    try {
      data = frontmatterOf(readFileSync(where, 'utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      broken.push({ file: where, problems: [`the frontmatter is not valid YAML: ${reason ?? ''}`] });
      continue;
    }
    if (typeof data !== 'object' || data === null) {
      broken.push({ file: where, problems: ['the file must start with frontmatter between two --- lines'] });
      continue;
    }
    const problems = frontmatterProblems(data as Record<string, unknown>, known);
    if (problems.length > 0) broken.push({ file: where, problems });
  }
  if (broken.length > 0) throw new FrontmatterError(frontmatterReport(broken));
}
