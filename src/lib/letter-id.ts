/** A letter file named `2025-03-14-some-slug.mdx` is published at /letters/some-slug/. */
export function letterIdFromPath(entry: string): string {
  const base = entry.replace(/\\/g, '/').split('/').pop() ?? entry;
  return base.replace(/\.mdx?$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
}
