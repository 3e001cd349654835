import { articleJsonLd } from '../lib/json-ld';
import { indexOf, letterPath, loadCatalogue, must, topicsOf, type Letter } from './letters';

/** A letter as the page links to it from around another letter. */
export interface LetterCard {
  href: string;
  headline: string;
  pubDate: Date;
}

const card = (entry: Letter): LetterCard => ({
  href: letterPath(entry.id),
  headline: entry.data.headline,
  pubDate: entry.data.pubDate,
});

/**
 * Everything the letter page shows around the letter itself: who wrote the answer, its topics,
 * its neighbours, the letter it follows up and those that follow it, and its structured data.
 */
export async function letterPageView(letter: Letter, site: URL) {
  const catalogue = await loadCatalogue();
  const data = letter.data;
  const columnist = must(catalogue.columnists, data.columnist.id);
  const columnistPath = `/columnists/${columnist.id}/`;
  const url = new URL(letterPath(letter.id), site).href;
  const image = new URL(`/og/${letter.id}.png`, site).href;
  // Indexed once per build: a scan of every letter here would make the build quadratic in letters.
  const index = indexOf(catalogue);
  const at = index.position.get(letter.id) ?? -1;
  const newer = at > 0 ? catalogue.letters[at - 1] : undefined;
  const older = at >= 0 ? catalogue.letters[at + 1] : undefined;
  const original = data.followUpTo ? index.byId.get(data.followUpTo.id) : undefined;
  return {
    columnist,
    columnistPath,
    topics: topicsOf(letter, catalogue),
    url,
    image,
    related: index.related(letter).map(card),
    newer: newer ? card(newer) : undefined,
    older: older ? card(older) : undefined,
    original: original ? card(original) : undefined,
    followUps: (index.followUps.get(letter.id) ?? []).map(card),
    jsonLd: articleJsonLd({
      url,
      headline: data.headline,
      description: data.summary,
      published: data.pubDate,
      modified: data.updatedDate,
      authorName: columnist.data.name,
      authorUrl: new URL(columnistPath, site).href,
      imageUrl: image,
      siteUrl: site.href,
    }),
  };
}
