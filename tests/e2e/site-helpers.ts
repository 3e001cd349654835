import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Slug and publication state of each letter file, read straight from content/letters. */
export interface LetterFile {
  slug: string;
  draft: boolean;
  pubDate: string;
  /** Slug of the earlier letter a follow-up post continues, or ''. */
  followUpTo: string;
}

export function letterFiles(): LetterFile[] {
  const dir = join(process.cwd(), 'content/letters');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const source = readFileSync(join(dir, name), 'utf8');
      const field = (key: string) => new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(source)?.[1]?.trim() ?? '';
      return {
        slug: name.replace(/\.mdx$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, ''),
        draft: field('draft') === 'true',
        pubDate: field('pubDate').replace(/["']/g, ''),
        followUpTo: field('followUpTo').replace(/["']/g, ''),
      };
    });
}

/** Letters a production build must publish: not drafts, not dated in the future. */
export function publishedSlugs(): string[] {
  const today = new Date().toISOString().slice(0, 10);
  return letterFiles()
    .filter((letter) => !letter.draft && letter.pubDate <= today)
    .map((letter) => letter.slug);
}

/** Letters a production build must hold back. */
export function withheldSlugs(): string[] {
  const published = new Set(publishedSlugs());
  return letterFiles()
    .map((letter) => letter.slug)
    .filter((slug) => !published.has(slug));
}
