// The one place that chooses the Markdown pipeline for both .md and .mdx.
// MARKDOWN_PROCESSOR=satteri switches to Astro 7's Rust processor (faster,
// but it ignores remark plugins, so remark-gfm's own footnotes disappear).
import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import remarkGfm from 'remark-gfm';

/** @param {string | undefined} kind */
export function markdownProcessor(kind = process.env.MARKDOWN_PROCESSOR) {
  if (kind === 'satteri') return satteri();
  // remark-gfm is given explicitly and the built-in copy is turned off so GFM runs once.
  return unified({ remarkPlugins: [remarkGfm], gfm: false });
}
