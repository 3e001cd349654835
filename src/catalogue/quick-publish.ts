import { readFileSync } from 'node:fs';
import type { CollectionEntry } from 'astro:content';
import { quickPublishMode } from '../lib/quick-publish';
import { catalogueManifestSchema, type ManifestLetter } from '../schemas/catalogue-manifest';

type Letter = CollectionEntry<'letters'>;

/**
 * In a quick build (see scripts/publish.ts) the letters collection holds only the letters being
 * published. Every other letter comes from the live build's manifest as a stand-in that carries what
 * a letter page shows of its neighbours — id, headline, date, topics, follow-up link — and what the
 * manifest itself lists, so related letters, newer/older and follow-ups come out as a full build makes them.
 */
export function quickPublishStandIns(rendered: readonly Letter[]): Letter[] {
  const mode = quickPublishMode(process.env);
  if (!mode) return [];
  const manifest = catalogueManifestSchema.parse(JSON.parse(readFileSync(mode.baseManifest, 'utf8')));
  const own = new Set(rendered.map((letter) => letter.id));
  return manifest.letters.filter((entry) => !own.has(entry.id)).map(standIn);
}

const standIns = new WeakSet<Letter>();

/** Whether a letter is a stand-in from the live build (its page is not rendered again). */
export function isStandIn(letter: Letter): boolean {
  return standIns.has(letter);
}

function standIn(entry: ManifestLetter): Letter {
  const data = {
    headline: entry.headline,
    pubDate: new Date(entry.pubDate),
    columnist: { id: entry.columnist, collection: 'columnists' },
    pseudonym: entry.pseudonym,
    topics: entry.topics.map((id) => ({ id, collection: 'topics' })),
    draft: entry.draft,
    related: [],
    followUpTo: entry.followUpTo ? { id: entry.followUpTo, collection: 'letters' } : undefined,
  };
  // A partial entry: only letter pages render in a quick build, and they read no more of other letters than this.
  const letter = { id: entry.id, collection: 'letters', data } as unknown as Letter;
  standIns.add(letter);
  return letter;
}
