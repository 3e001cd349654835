import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { columnistSchema } from './schemas/columnist';
import { letterSchema } from './schemas/letter';
import { topicSchema } from './schemas/topic';
import { letterIdFromPath } from './lib/letter-id';

const letters = defineCollection({
  loader: glob({
    pattern: '**/*.mdx',
    base: './content/letters',
    generateId: ({ entry }) => letterIdFromPath(entry),
  }),
  schema: ({ image }) => letterSchema(image),
});

const columnists = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/columnists' }),
  schema: columnistSchema,
});

const topics = defineCollection({
  loader: file('./content/topics.json'),
  schema: topicSchema,
});

export const collections = { letters, columnists, topics };
