import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// The benchmark points CONTENT_DIR at its generated corpus; alone, the baseline reads the site's own letters.
const contentDir = process.env.CONTENT_DIR ?? '../../content';

const letters = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `${contentDir}/letters` }),
  schema: z.object({
    headline: z.string(),
    summary: z.string(),
    pubDate: z.coerce.date(),
  }),
});

export const collections = { letters };
