/** Folders of the client build whose text assets are worth compressing ahead of time. */
export const PRECOMPRESS_DIRS = ['_astro/', 'pagefind/'] as const;

/** Text formats that shrink well; Pagefind's own index files are already compressed. */
const COMPRESSIBLE = /\.(?:js|mjs|css|json|svg)$/;

/** Smaller files are not worth a second copy. */
export const PRECOMPRESS_MIN_BYTES = 1024;

/** Whether a file (path relative to the client folder, forward slashes) gets .gz and .br siblings. */
export function shouldPrecompress(relativePath: string, size: number): boolean {
  return (
    size >= PRECOMPRESS_MIN_BYTES &&
    COMPRESSIBLE.test(relativePath) &&
    PRECOMPRESS_DIRS.some((dir) => relativePath.startsWith(dir))
  );
}

/** The encoding to answer with: brotli, then gzip, as the client accepts and the files exist. */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: { br: boolean; gzip: boolean },
): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part !== '' && !/;\s*q=0(?:\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]?.trim()),
  );
  if (available.br && accepted.has('br')) return 'br';
  if (available.gzip && (accepted.has('gzip') || accepted.has('*'))) return 'gzip';
  return undefined;
}
