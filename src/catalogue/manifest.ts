import type { CatalogueManifest } from '../schemas/catalogue-manifest';
import type { Catalogue } from './letters';

/** What the on-demand server may know of the content: names and dates, never a letter's body. */
export function catalogueManifest(catalogue: Catalogue): CatalogueManifest {
  return {
    version: 1,
    // Drafts and scheduled letters too: the desk lists them, and a scheduled one goes live without a rebuild.
    letters: catalogue.everyLetter.map((entry) => ({
      id: entry.id,
      headline: entry.data.headline,
      topics: entry.data.topics.map((topic) => topic.id),
      pseudonym: entry.data.pseudonym,
      columnist: entry.data.columnist.id,
      pubDate: entry.data.pubDate.toISOString(),
      draft: entry.data.draft,
      followUpTo: entry.data.followUpTo?.id,
    })),
    topics: [...catalogue.topics.values()].map((topic) => ({ id: topic.id, name: topic.data.name })),
    columnists: [...catalogue.columnists.values()].map((c) => ({ id: c.id, name: c.data.name })),
  };
}
