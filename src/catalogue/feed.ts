import rss, { type RSSFeedItem } from '@astrojs/rss';
import { letterPath, type Letter } from './letters';

/** One RSS item per letter: headline, summary, date and topic categories. */
function feedItem(letter: Letter, topicNames: Map<string, string>): RSSFeedItem {
  return {
    title: letter.data.headline,
    description: letter.data.summary,
    pubDate: letter.data.pubDate,
    link: letterPath(letter.id),
    categories: letter.data.topics.map((topic) => topicNames.get(topic.id) ?? topic.id),
  };
}

interface FeedOptions {
  title: string;
  description: string;
  site: URL | undefined;
  letters: Letter[];
  topicNames: Map<string, string>;
}

/** Builds an RSS response; the site URL must be configured for absolute links. */
export function letterFeed({ title, description, site, letters, topicNames }: FeedOptions): Promise<Response> {
  if (!site) throw new Error('RSS needs `site` in astro.config.mjs (set SITE_URL).');
  return rss({
    title,
    description,
    site,
    items: letters.map((letter) => feedItem(letter, topicNames)),
    customData: '<language>en-gb</language>',
  });
}
