import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What a build was made from: the settings baked into pages, and a hash of every input file. */
export interface BuildInputs {
  /** SITE_URL, CONTENT_DIR and MARKDOWN_PROCESSOR as the build saw them. */
  settings: Record<string, string>;
  /** Input file (relative to the project root, with forward slashes) → sha256 of its bytes. */
  files: Record<string, string>;
}

/** Folder of the letters, relative to the project root, as keys of BuildInputs.files spell it. */
export function lettersKey(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const contentDir = path.resolve(root, env.CONTENT_DIR ?? 'content');
  return path.relative(root, path.join(contentDir, 'letters')).split(path.sep).join('/');
}

/** Every input of a build, file by file, so a publish can tell which ones changed since the last build. */
export function buildInputs(root: string, env: NodeJS.ProcessEnv = process.env): BuildInputs {
  const contentDir = path.resolve(root, env.CONTENT_DIR ?? 'content');
  const inputs = [
    path.join(root, 'src'),
    path.join(root, 'public'),
    contentDir,
    ...['astro.config.mjs', 'markdown.config.mjs', 'package-lock.json', 'tsconfig.json'].map((f) => path.join(root, f)),
  ];
  // Settings baked into the pages (absolute URLs, which content, which Markdown processor).
  const settings: Record<string, string> = {};
  for (const name of ['SITE_URL', 'CONTENT_DIR', 'MARKDOWN_PROCESSOR']) settings[name] = env[name] ?? '';
  const paths = inputs.flatMap((input) => {
    if (!existsSync(input)) return [];
    if (!readdirSafe(input)) return [input];
    return readdirSync(input, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  });
  const files: Record<string, string> = {};
  for (const file of paths.sort()) {
    files[path.relative(root, file).split(path.sep).join('/')] = createHash('sha256')
      .update(readFileSync(file))
      .digest('hex');
  }
  return { settings, files };
}

/** One hash over all the inputs: equal fingerprints mean a new build would write what the old one holds. */
export function fingerprintOf(inputs: BuildInputs): string {
  const hash = createHash('sha256');
  for (const [name, value] of Object.entries(inputs.settings)) hash.update(`${name}=${value}\0`);
  for (const file of Object.keys(inputs.files).sort()) hash.update(`${file}\0${inputs.files[file] ?? ''}\0`);
  return hash.digest('hex');
}

/** Every input of a build: if none changed, the build in builds/current is what a new build would write. */
export function buildFingerprint(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return fingerprintOf(buildInputs(root, env));
}

function readdirSafe(p: string): boolean {
  try {
    readdirSync(p);
    return true;
  } catch {
    return false;
  }
}
