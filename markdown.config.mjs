// The one place that chooses the Markdown pipeline for both .md and .mdx.
// MARKDOWN_PROCESSOR=satteri switches to Astro 7's Rust processor (faster,
// but it ignores remark plugins, so remark-gfm's own footnotes disappear).
import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import remarkGfm from 'remark-gfm';

/** The values MARKDOWN_PROCESSOR accepts; unset or empty means "unified". */
export const MARKDOWN_PROCESSORS = ['unified', 'satteri'];

/**
 * A misspelt name is an error: falling back silently would build the site with a
 * pipeline nobody chose, and footnotes would come and go without a word.
 * @param {string | undefined} kind
 */
export function markdownProcessor(kind = process.env.MARKDOWN_PROCESSOR) {
  if (kind === 'satteri') return satteri();
  if (kind === undefined || kind === '' || kind === 'unified') {
    // remark-gfm is given explicitly and the built-in copy is turned off so GFM runs once.
    return unified({ remarkPlugins: [remarkGfm], gfm: false });
  }
  throw new Error(
    `MARKDOWN_PROCESSOR=${JSON.stringify(kind)} is not a Markdown processor: use "unified" (the default, runs remark plugins) or "satteri" (faster, ignores remark plugins), or leave it unset.`,
  );
}
