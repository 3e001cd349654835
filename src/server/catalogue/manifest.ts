import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isPublished } from '../../lib/publishing';
import { catalogueManifestSchema, type ManifestLetter } from '../../schemas/catalogue-manifest';

/** A letter as on-demand routes see it, with its date parsed. */
export interface ServerLetter extends Omit<ManifestLetter, 'pubDate'> {
  pubDate: Date;
}

/** The build's catalogue, indexed for the lookups requests make. */
export interface ServerCatalogue {
  /** Every letter, drafts included, newest first. */
  letters: ServerLetter[];
  byId: Map<string, ServerLetter>;
  /** Topic id → name, in content order. */
  topics: Map<string, string>;
  /** Columnist id → name. */
  columnists: Map<string, string>;
}

/**
 * Where the build left its manifest. CATALOGUE_MANIFEST names it (the server script points it into the
 * build it serves); otherwise it sits in the output folder under the working directory. Not found from
 * import.meta.url: inside the server bundle that points into a chunk folder.
 */
export function manifestPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CATALOGUE_MANIFEST) return path.resolve(process.cwd(), env.CATALOGUE_MANIFEST);
  return path.resolve(process.cwd(), env.ASTRO_OUT_DIR ?? 'dist', 'server', 'catalogue.json');
}

/** Parses and indexes a manifest; a file from another build shape fails loudly rather than hiding letters. */
export function indexManifest(raw: unknown): ServerCatalogue {
  const manifest = catalogueManifestSchema.parse(raw);
  const letters = manifest.letters.map((letter) => ({ ...letter, pubDate: new Date(letter.pubDate) }));
  return {
    letters,
    byId: new Map(letters.map((letter) => [letter.id, letter])),
    topics: new Map(manifest.topics.map((topic) => [topic.id, topic.name])),
    columnists: new Map(manifest.columnists.map((c) => [c.id, c.name])),
  };
}

async function readManifest(): Promise<ServerCatalogue> {
  // `astro dev` has no build folder; its integration points us at the live route instead.
  const devUrl = import.meta.env.DEV ? process.env.CATALOGUE_MANIFEST_URL : undefined;
  if (devUrl) {
    const response = await fetch(devUrl);
    if (!response.ok) throw new Error(`catalogue manifest: ${devUrl} answered ${String(response.status)}`);
    return indexManifest(await response.json());
  }
  const file = manifestPath();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`catalogue manifest: cannot read ${file}; build the site first (astro build)`, { cause: err });
  }
  return indexManifest(JSON.parse(text));
}

let cached: Promise<ServerCatalogue> | undefined;

/** The catalogue of the build this process serves, read once (every request in `astro dev`). */
export function serverCatalogue(): Promise<ServerCatalogue> {
  if (!cached || import.meta.env.DEV) {
    cached = readManifest();
    // A failed read is retried on the next request instead of being remembered.
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}

/** A letter readers can see now (the one publishing rule), or undefined. */
export async function findPublishedLetter(id: string, now = new Date()): Promise<ServerLetter | undefined> {
  const letter = (await serverCatalogue()).byId.get(id);
  return letter && isPublished(letter, { dev: import.meta.env.DEV, now }) ? letter : undefined;
}

/** Topics in content order, for the question form and the desk's filters. */
export async function listTopics(): Promise<{ id: string; name: string }[]> {
  const { topics } = await serverCatalogue();
  return [...topics].map(([id, name]) => ({ id, name }));
}
