import { isPublished } from '../../lib/publishing';
import { serverCatalogue } from '../catalogue/manifest';

export interface DeskLetter {
  id: string;
  headline: string;
  published: boolean;
}

/** Every letter the site knows, newest first, with whether readers can see it. */
export async function listDeskLetters(now = new Date()): Promise<DeskLetter[]> {
  const { letters } = await serverCatalogue();
  return letters.map((e) => ({
    id: e.id,
    headline: e.headline,
    published: isPublished(e, { dev: import.meta.env.DEV, now }),
  }));
}

/** Names the columnist may sign a desk reply with. */
export async function listColumnistNames(): Promise<{ id: string; name: string }[]> {
  const { columnists } = await serverCatalogue();
  return [...columnists].map(([id, name]) => ({ id, name }));
}
