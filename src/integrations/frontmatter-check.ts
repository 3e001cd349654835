import type { AstroIntegration } from 'astro';
import { checkLetterFiles } from '../catalogue/check-letter-files';
import { quickPublishMode } from '../lib/quick-publish';
import { config } from '../server/config';

/**
 * Checks every letter's frontmatter before Astro reads the content, so a build with several
 * mistakes lists them all (file, field, value, what is expected) instead of stopping at the first.
 */
export default function frontmatterCheck(): AstroIntegration {
  return {
    name: 'pursebop:frontmatter-check',
    hooks: {
      'astro:config:setup': () => {
        checkLetterFiles(config().contentDir, quickPublishMode(process.env)?.letterFiles);
      },
    },
  };
}
