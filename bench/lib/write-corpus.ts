import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateLetters, type GeneratedLetter } from './corpus.ts';

export interface WriteCorpusOptions {
  /** Folder to (re)create; gets letters/, columnists/ and topics.json like content/. */
  dir: string;
  /** The project's real content folder, source of topics and columnists. */
  contentDir: string;
  count: number;
  seed: number;
}

/** Ids of the topics in a topics.json file. */
export async function readTopicIds(contentDir: string): Promise<string[]> {
  const raw: unknown = JSON.parse(await readFile(path.join(contentDir, 'topics.json'), 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${contentDir}/topics.json is not a list`);
  return raw.map((t: unknown) => {
    if (typeof t !== 'object' || t === null || !('id' in t) || typeof t.id !== 'string') {
      throw new Error(`${contentDir}/topics.json has a topic without a string id`);
    }
    return t.id;
  });
}

/** Columnist ids: the Markdown file names in columnists/. */
export async function readColumnistIds(contentDir: string): Promise<string[]> {
  const files = await readdir(path.join(contentDir, 'columnists'));
  return files
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * Writes a generated corpus into `dir`, which must lie outside the real content folder
 * (the benchmark never touches the editors' files).
 */
export async function writeCorpus(opts: WriteCorpusOptions): Promise<GeneratedLetter[]> {
  const dir = path.resolve(opts.dir);
  const content = path.resolve(opts.contentDir);
  if (dir === content || dir.startsWith(content + path.sep) || content.startsWith(dir + path.sep)) {
    throw new Error(`refusing to write a generated corpus into or over ${content}`);
  }
  const [topics, columnists] = await Promise.all([readTopicIds(content), readColumnistIds(content)]);
  const letters = generateLetters({ count: opts.count, seed: opts.seed, topics, columnists });
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'letters'), { recursive: true });
  await mkdir(path.join(dir, 'columnists'), { recursive: true });
  await copyFile(path.join(content, 'topics.json'), path.join(dir, 'topics.json'));
  for (const c of columnists) {
    await copyFile(path.join(content, 'columnists', `${c}.md`), path.join(dir, 'columnists', `${c}.md`));
  }
  // Written in batches: thousands of parallel writes would only thrash a shared 2-core machine.
  for (let i = 0; i < letters.length; i += 200) {
    await Promise.all(letters.slice(i, i + 200).map((l) => writeFile(path.join(dir, 'letters', l.fileName), l.source)));
  }
  return letters;
}
