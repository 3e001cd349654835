import { getCollection } from 'astro:content';
import { isPublished } from '../../lib/publishing';

export interface DeskLetter {
  id: string;
  headline: string;
  published: boolean;
}

/** Every letter the site knows, newest first, with whether readers can see it. */
export async function listDeskLetters(now = new Date()): Promise<DeskLetter[]> {
  const entries = await getCollection('letters');
  return entries
    .sort((a, b) => b.data.pubDate.getTime() - a.data.pubDate.getTime())
    .map((e) => ({
      id: e.id,
      headline: e.data.headline,
      published: isPublished(e.data, { dev: import.meta.env.DEV, now }),
    }));
}

/** Names the columnist may sign a desk reply with. */
export async function listColumnistNames(): Promise<{ id: string; name: string }[]> {
  const entries = await getCollection('columnists');
  return entries.map((e) => ({ id: e.id, name: e.data.name }));
}
