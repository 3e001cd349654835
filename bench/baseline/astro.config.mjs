// @ts-check
// The comparison point: a plain Astro MDX blog over the same files, with the site's Markdown pipeline.
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { markdownProcessor } from '../../markdown.config.mjs';

export default defineConfig({
  output: 'static',
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
  markdown: { processor: markdownProcessor() },
  integrations: [mdx()],
});
