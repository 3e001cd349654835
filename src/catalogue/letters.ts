import { getCollection, render, type CollectionEntry } from 'astro:content';
import { isPublished } from '../lib/publishing';
import { relatedIndex } from '../lib/related';
import { isStandIn, quickPublishStandIns } from './quick-publish';

export type Letter = CollectionEntry<'letters'>;
export type Columnist = CollectionEntry<'columnists'>;
export type Topic = CollectionEntry<'topics'>;

/** Compiles a letter's or columnist's MDX body; pages render content only through the catalogue. */
export function renderEntry(entry: Letter | Columnist) {
  return render(entry);
}

/** The catalogue every page reads from, so the draft/schedule rule is applied in exactly one place. */
export interface Catalogue {
  /** Published letters, newest first. */
  letters: Letter[];
  /** Every letter, drafts and scheduled ones included, newest first (for the server's manifest). */
  everyLetter: Letter[];
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
  const [rendered, columnistEntries, topicEntries] = await Promise.all([
    getCollection('letters'),
    getCollection('columnists'),
    getCollection('topics'),
  ]);
  const all = [...rendered, ...quickPublishStandIns(rendered)];
  const columnists = new Map(columnistEntries.map((entry) => [entry.id, entry]));
  const topics = new Map(topicEntries.map((entry) => [entry.id, entry]));
  const letterIds = new Set(all.map((entry) => entry.id));
  for (const letter of all) assertReferences(letter, { columnists, topics, letterIds });
  const everyLetter = all.sort((a, b) => b.data.pubDate.getTime() - a.data.pubDate.getTime());
  const letters = everyLetter.filter((entry) => isPublished(entry.data, context));
  return { letters, everyLetter, columnists, topics };
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

/** Published letters whose pages this build renders: all of them, or in a quick publish only those it names. */
export function lettersToRender(catalogue: Catalogue): Letter[] {
  return catalogue.letters.filter((letter) => !isStandIn(letter));
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

export { letterPath } from '../lib/letter-path';

/** Lookups the letter pages make, built once per catalogue so no page scans every letter. */
export interface CatalogueIndex {
  byId: Map<string, Letter>;
  /** Position in the newest-first list, for previous / next links. */
  position: Map<string, number>;
  /** Published follow-ups of each letter, newest first. */
  followUps: Map<string, Letter[]>;
  /** Related letters (pins first, then most shared topics), as `pickRelated` would choose them. */
  related: (letter: Letter, limit?: number) => Letter[];
}

const indexes = new WeakMap<Catalogue, CatalogueIndex>();

/** The catalogue's index, made on first use. */
export function indexOf(catalogue: Catalogue): CatalogueIndex {
  let index = indexes.get(catalogue);
  if (!index) {
    const followUps = new Map<string, Letter[]>();
    for (const letter of catalogue.letters) {
      const original = letter.data.followUpTo?.id;
      if (original) followUps.set(original, [...(followUps.get(original) ?? []), letter]);
    }
    const relatable = catalogue.letters.map((letter) => ({
      id: letter.id,
      topics: letter.data.topics.map((t) => t.id),
      pubDate: letter.data.pubDate,
      letter,
    }));
    const pick = relatedIndex(relatable);
    index = {
      byId: new Map(catalogue.letters.map((letter) => [letter.id, letter])),
      position: new Map(catalogue.letters.map((letter, i) => [letter.id, i])),
      followUps,
      related: (letter, limit = 3) =>
        pick(
          { id: letter.id, topics: letter.data.topics.map((t) => t.id), pubDate: letter.data.pubDate },
          letter.data.related.map((r) => r.id),
          limit,
        ).map((r) => r.letter),
    };
    indexes.set(catalogue, index);
  }
  return index;
}
