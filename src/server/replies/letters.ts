import { getCollection } from 'astro:content';
import { isPublished } from '../../lib/publishing';

/** Letters readers can reply to: exactly the ones the site shows (the publishing rule decides). */
export async function letterExists(letterId: string, now = new Date()): Promise<boolean> {
  const entries = await getCollection('letters', (e) => e.id === letterId);
  return entries.some((e) => isPublished(e.data, { dev: import.meta.env.DEV, now }));
}
