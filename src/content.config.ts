import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { columnistSchema } from './schemas/columnist';
import { letterSchema } from './schemas/letter';
import { topicSchema } from './schemas/topic';
import { letterIdFromPath } from './lib/letter-id';
import { quickPublishMode } from './lib/quick-publish';
import { config } from './server/config';

// CONTENT_DIR lets the benchmark and build tests point the site at a generated or broken copy of the content.
const contentDir = config().contentDir;

// A quick publish (scripts/publish.ts) renders only the letters it names; the rest come from the live build.
const quick = quickPublishMode(process.env);

const letters = defineCollection({
  loader: glob({
    pattern: quick ? quick.letterFiles : '**/*.mdx',
    base: `${contentDir}/letters`,
    generateId: ({ entry }) => letterIdFromPath(entry),
  }),
  schema: ({ image }) => letterSchema(image),
});

const columnists = defineCollection({
  loader: glob({ pattern: '*.md', base: `${contentDir}/columnists` }),
  schema: columnistSchema,
});

const topics = defineCollection({
  loader: file(`${contentDir}/topics.json`),
  schema: topicSchema,
});

export const collections = { letters, columnists, topics };
