import { describe, expect, it } from 'vitest';
import { quickBuildRenders, quickPublishMode } from '../../../src/lib/quick-publish';

describe('quickPublishMode', () => {
  it('is an ordinary build when no letters are named', () => {
    expect(quickPublishMode({})).toBeUndefined();
    expect(
      quickPublishMode({ QUICK_PUBLISH_LETTERS: '', QUICK_PUBLISH_MANIFEST: 'dist/catalogue.json' }),
    ).toBeUndefined();
    expect(quickPublishMode({ QUICK_PUBLISH_LETTERS: '  ', QUICK_PUBLISH_MANIFEST: 'dist/catalogue.json' })).toBe(
      undefined,
    );
  });

  it('reads the comma-separated letter files, trimmed, with the live manifest', () => {
    expect(
      quickPublishMode({
        QUICK_PUBLISH_LETTERS: ' 2026/a-first.mdx , 2026/b-second.mdx,,',
        QUICK_PUBLISH_MANIFEST: 'live/catalogue.json',
      }),
    ).toEqual({ letterFiles: ['2026/a-first.mdx', '2026/b-second.mdx'], baseManifest: 'live/catalogue.json' });
    expect(quickPublishMode({ QUICK_PUBLISH_LETTERS: 'one.mdx', QUICK_PUBLISH_MANIFEST: 'm.json' })).toEqual({
      letterFiles: ['one.mdx'],
      baseManifest: 'm.json',
    });
  });

  it('refuses named letters without the live manifest, saying which setting is missing', () => {
    expect(() => quickPublishMode({ QUICK_PUBLISH_LETTERS: 'one.mdx' })).toThrow(
      /QUICK_PUBLISH_LETTERS needs QUICK_PUBLISH_MANIFEST/,
    );
    expect(() => quickPublishMode({ QUICK_PUBLISH_LETTERS: 'one.mdx', QUICK_PUBLISH_MANIFEST: '' })).toThrow(
      /QUICK_PUBLISH_MANIFEST/,
    );
  });
});

describe('quickBuildRenders', () => {
  it('renders the letter pages and the catalogue manifest, nothing else', () => {
    expect(quickBuildRenders('src/pages/letters/[slug].astro')).toBe(true);
    expect(quickBuildRenders('src/pages/catalogue.json.ts')).toBe(true);
    expect(quickBuildRenders('src/pages/index.astro')).toBe(false);
    expect(quickBuildRenders('src/pages/letters/index.astro')).toBe(false);
    expect(quickBuildRenders('')).toBe(false);
  });
});
