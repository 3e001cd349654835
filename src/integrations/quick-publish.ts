import type { AstroIntegration } from 'astro';
import { quickBuildRenders } from '../lib/quick-publish';

/**
 * In a quick build only the letter pages and the manifest are prerendered: every other route is
 * marked on-demand, so Astro neither renders it nor reads the catalogue for it. scripts/publish.ts
 * keeps only those pages (and new assets) from this build and lays them over the live one.
 */
export default function quickPublish(): AstroIntegration {
  return {
    name: 'pursebop:quick-publish',
    hooks: {
      'astro:route:setup': ({ route }) => {
        if (!quickBuildRenders(route.component)) route.prerender = false;
      },
    },
  };
}
