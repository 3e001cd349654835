import { z } from 'astro/zod';
import type { ImageFunction } from 'astro:content';

// Built once: the hero schema is made again for every letter (see letter.ts), only image() differs.
const captionFields = {
  /** What the picture shows, for readers who cannot see it. */
  alt: z.string().trim().min(1, 'alt text is required for a hero image'),
  /** Who made the picture; printed under it. */
  credit: z.string().trim().min(1, 'a photo credit is required for a hero image'),
};

/** The optional picture at the top of a letter; alt text and credit are mandatory. */
export const heroImageSchema = (image: ImageFunction) =>
  z.object({
    /** Path to the image, relative to the letter file. */
    image: image(),
    ...captionFields,
  });
