import { z } from 'astro/zod';

/** A person who answers letters; one Markdown file per columnist in content/columnists/. */
export const columnistSchema = z.object({
  /** Display name used in bylines and signatures. */
  name: z.string().min(1),
  /** One-line role shown under the name, e.g. "Founding columnist". */
  role: z.string().min(1),
  /** One sentence used in bylines and structured data. */
  shortBio: z.string().min(1),
});

export type Columnist = z.infer<typeof columnistSchema>;
