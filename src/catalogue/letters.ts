import { getCollection, type CollectionEntry } from 'astro:content';
import { isPublished } from '../lib/publishing';

export type Letter = CollectionEntry<'letters'>;
export type Columnist = CollectionEntry<'columnists'>;
export type Topic = CollectionEntry<'topics'>;

/** The catalogue every page reads from, so the draft/schedule rule is applied in exactly one place. */
export interface Catalogue {
  /** Published letters, newest first. */
  letters: Letter[];
  columnists: Map<string, Columnist>;
  topics: Map<string, Topic>;
}

let cached: Promise<Catalogue> | undefined;

/** Loads letters, columnists and topics once per build and checks every reference resolves. */
export function loadCatalogue(): Promise<Catalogue> {
  // In dev the content changes under us, so only production builds memoise.
  if (!cached || import.meta.env.DEV) cached = readCatalogue();
  return cached;
}

async function readCatalogue(): Promise<Catalogue> {
  const context = { dev: import.meta.env.DEV, now: new Date() };
  const [all, columnistEntries, topicEntries] = await Promise.all([
    getCollection('letters'),
    getCollection('columnists'),
    getCollection('topics'),
  ]);
  const columnists = new Map(columnistEntries.map((entry) => [entry.id, entry]));
  const topics = new Map(topicEntries.map((entry) => [entry.id, entry]));
  const letterIds = new Set(all.map((entry) => entry.id));
  for (const letter of all) assertReferences(letter, { columnists, topics, letterIds });
  const letters = all
    .filter((entry) => isPublished(entry.data, context))
    .sort((a, b) => b.data.pubDate.getTime() - a.data.pubDate.getTime());
  return { letters, columnists, topics };
}

interface Known {
  columnists: Map<string, unknown>;
  topics: Map<string, unknown>;
  letterIds: Set<string>;
}

/** Astro's `reference()` checks the shape, not existence; a dangling id must stop the build with the file named. */
function assertReferences(letter: Letter, known: Known): void {
  const where = letter.filePath ?? `letters/${letter.id}`;
  const fail = (field: string, id: string, expected: string) => {
    throw new Error(`${where}: frontmatter field "${field}" refers to "${id}", expected ${expected}.`);
  };
  const { columnist, topics, related, followUpTo } = letter.data;
  if (!known.columnists.has(columnist.id)) fail('columnist', columnist.id, 'a file name in content/columnists/');
  for (const topic of topics) if (!known.topics.has(topic.id)) fail('topics', topic.id, 'an id in content/topics.json');
  for (const pin of related) if (!known.letterIds.has(pin.id)) fail('related', pin.id, 'the slug of another letter');
  if (followUpTo && !known.letterIds.has(followUpTo.id))
    fail('followUpTo', followUpTo.id, 'the slug of another letter');
}

/** Looks up a referenced entry that `loadCatalogue` has already proven exists. */
export function must<T>(map: Map<string, T>, id: string): T {
  const found = map.get(id);
  if (!found) throw new Error(`Unknown reference "${id}"`);
  return found;
}

/** Topic entries of a letter, in the order the editor listed them. */
export function topicsOf(letter: Letter, catalogue: Catalogue): Topic[] {
  return letter.data.topics.map((ref) => must(catalogue.topics, ref.id));
}

/** Site-relative URL of a letter page. */
export function letterPath(id: string): string {
  return `/letters/${id}/`;
}
