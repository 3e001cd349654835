import { z } from 'astro/zod';

/** One letter as the on-demand server knows it: enough to link, title and gate replies, no body. */
export const manifestLetterSchema = z.object({
  /** The letter's slug, as in /letters/<id>/. */
  id: z.string().min(1),
  /** The reader's question, the page title. */
  headline: z.string(),
  /** Topic ids the letter is filed under. */
  topics: z.array(z.string()),
  /** How the writer signs, drawn on the social card. */
  pseudonym: z.string(),
  /** Columnist id (file name in content/columnists/). */
  columnist: z.string(),
  /** Publication date as an ISO string; a future date means scheduled. */
  pubDate: z.iso.datetime(),
  /** Drafts are listed for the desk but never shown to readers. */
  draft: z.boolean(),
  /** Slug of the earlier letter this one follows up, if any. */
  followUpTo: z.string().optional(),
});

/** A topic's id and display name. */
export const manifestNamedSchema = z.object({
  /** Stable id used in URLs and frontmatter. */
  id: z.string().min(1),
  /** Name shown to people. */
  name: z.string(),
});

/** Written at build time next to the server bundle, so on-demand code never loads the content collections. */
export const catalogueManifestSchema = z.object({
  /** Bumped when the shape changes, so a server never misreads an older build's file. */
  version: z.literal(1),
  /** Every letter, drafts included, newest first. */
  letters: z.array(manifestLetterSchema),
  /** Topics in content/topics.json order. */
  topics: z.array(manifestNamedSchema),
  /** Columnists by file name. */
  columnists: z.array(manifestNamedSchema),
});

export type CatalogueManifest = z.infer<typeof catalogueManifestSchema>;
export type ManifestLetter = z.infer<typeof manifestLetterSchema>;
