import { getEntry } from 'astro:content';
import { isPublished } from '../../lib/publishing';

/** Letters readers can reply to: exactly the ones the site shows (the publishing rule decides). */
export async function letterExists(letterId: string, now = new Date()): Promise<boolean> {
  // One keyed lookup, not a scan of every letter: this runs on every replies request.
  const entry = await getEntry('letters', letterId);
  return entry !== undefined && isPublished(entry.data, { dev: import.meta.env.DEV, now });
}
