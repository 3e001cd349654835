/** A build that renders only some letters' pages, the rest of the catalogue read from the live build. */
export interface QuickPublishMode {
  /** Letter files to render, relative to the letters folder. */
  letterFiles: string[];
  /** The live build's catalogue manifest, standing in for every other letter. */
  baseManifest: string;
}

/**
 * Reads the quick-publish settings scripts/publish.ts passes to `astro build`
 * (QUICK_PUBLISH_LETTERS, comma-separated, and QUICK_PUBLISH_MANIFEST); undefined for an ordinary build.
 */
export function quickPublishMode(env: Record<string, string | undefined>): QuickPublishMode | undefined {
  const list = env.QUICK_PUBLISH_LETTERS?.trim();
  if (!list) return undefined;
  const baseManifest = env.QUICK_PUBLISH_MANIFEST;
  if (!baseManifest)
    throw new Error('QUICK_PUBLISH_LETTERS needs QUICK_PUBLISH_MANIFEST (the live build’s catalogue.json)');
  const letterFiles = list
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return { letterFiles, baseManifest };
}

/** The pages a quick build renders: each letter's page and the manifest; every other route is left out. */
export function quickBuildRenders(component: string): boolean {
  return component === 'src/pages/letters/[slug].astro' || component === 'src/pages/catalogue.json.ts';
}
