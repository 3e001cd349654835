import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every input of a build: if none changed, the build in builds/current is what a new build would write. */
export function buildFingerprint(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const contentDir = path.resolve(root, env.CONTENT_DIR ?? 'content');
  const inputs = [
    path.join(root, 'src'),
    path.join(root, 'public'),
    contentDir,
    ...['astro.config.mjs', 'markdown.config.mjs', 'package-lock.json', 'tsconfig.json'].map((f) => path.join(root, f)),
  ];
  const hash = createHash('sha256');
  // Settings baked into the pages (absolute URLs, which content, which Markdown processor).
  for (const name of ['SITE_URL', 'CONTENT_DIR', 'MARKDOWN_PROCESSOR']) hash.update(`${name}=${env[name] ?? ''}\0`);
  const files = inputs.flatMap((input) => {
    if (!existsSync(input)) return [];
    if (!readdirSafe(input)) return [input];
    return readdirSync(input, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  });
  for (const file of files.sort()) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readdirSafe(p: string): boolean {
  try {
    readdirSync(p);
    return true;
  } catch {
    return false;
  }
}
