import { z } from 'astro/zod';
import { reference, type ImageFunction } from 'astro:content';
import { heroImageSchema } from './hero-image';

// Astro calls a collection's schema function once per entry (each gets an image() of its own), so
// the fields that do not depend on it are built once here and shared: building every field again for
// each of thousands of letters was a measurable share of the content layer's time in a cold build.
const leadingFields = {
  /** The reader's question, used as the page title. */
  headline: z.string().trim().min(8).max(140),
  /** One sentence that says what the letter is about. */
  summary: z.string().trim().min(20).max(240),
  /** Publication date; a date in the future holds the letter back from production builds. */
  pubDate: z.coerce.date(),
  /** Date of the last meaningful revision, shown as "Updated". */
  updatedDate: z.coerce.date().optional(),
  /** The columnist who answers, by file name in content/columnists/. */
  columnist: reference('columnists'),
  /** How the writer signs the letter; the answer's salutation is built from it. */
  pseudonym: z.string().trim().min(1, 'the writer must sign with a pseudonym').max(60),
  /** Topics the letter is filed under (ids from content/topics.json). */
  topics: z.array(reference('topics')).min(1).max(4),
  /** Brands the letter discusses, as plain names ("Hermès"). */
  brands: z.array(z.string().trim().min(1)).max(6).default([]),
};

const trailingFields = {
  /** Drafts appear only in `astro dev`. */
  draft: z.boolean().default(false),
  /** The featured letter leads the home page. */
  featured: z.boolean().default(false),
  /** Letters an editor pins to "Related letters", ahead of topic matches. */
  related: z.array(reference('letters')).max(6).default([]),
  /** Set on a follow-up post: the earlier letter it continues. */
  followUpTo: reference('letters').optional(),
};

/** Frontmatter of one letter and its answer (content/letters/YYYY-MM-DD-slug.mdx). */
export const letterSchema = (image: ImageFunction) =>
  z
    .object({
      ...leadingFields,
      /** Optional picture at the top of the page. */
      hero: heroImageSchema(image).optional(),
      ...trailingFields,
    })
    .refine((d) => !d.updatedDate || d.updatedDate >= d.pubDate, {
      message: 'updatedDate must not be before pubDate',
      path: ['updatedDate'],
    });

export type LetterFrontmatter = z.infer<ReturnType<typeof letterSchema>>;
