import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexManifest, manifestPath } from '../../../../src/server/catalogue/manifest';

const manifest = {
  version: 1,
  letters: [
    {
      id: 'scheduled',
      headline: 'A letter for next year',
      topics: ['care'],
      pseudonym: 'Patient',
      columnist: 'pursebop',
      pubDate: '2999-01-01T00:00:00.000Z',
      draft: false,
    },
    {
      id: 'live',
      headline: 'Is my bag real?',
      topics: ['fakes', 'care'],
      pseudonym: 'Worried',
      columnist: 'pursebop',
      pubDate: '2024-05-01T00:00:00.000Z',
      draft: false,
    },
  ],
  topics: [{ id: 'care', name: 'Care' }],
  columnists: [{ id: 'pursebop', name: 'PurseBop' }],
};

describe('the catalogue manifest the server reads', () => {
  it('indexes letters by id with real dates, and topics and columnists by id', () => {
    const catalogue = indexManifest(manifest);
    expect(catalogue.byId.get('live')?.pubDate).toEqual(new Date('2024-05-01'));
    expect(catalogue.topics.get('care')).toBe('Care');
    expect(catalogue.columnists.get('pursebop')).toBe('PurseBop');
    expect(catalogue.letters.map((l) => l.id)).toEqual(['scheduled', 'live']);
  });

  it('refuses a file of another shape instead of serving no letters', () => {
    expect(() => indexManifest({ ...manifest, version: 2 })).toThrow();
    expect(() => indexManifest({ letters: 'everything' })).toThrow();
  });

  it('is found where configured, else in the output folder under the working directory', () => {
    expect(manifestPath({ CATALOGUE_MANIFEST: '/srv/build-7/server/catalogue.json' })).toBe(
      '/srv/build-7/server/catalogue.json',
    );
    expect(manifestPath({ ASTRO_OUT_DIR: 'dist-e2e' })).toBe(path.resolve('dist-e2e/server/catalogue.json'));
    expect(manifestPath({})).toBe(path.resolve('dist/server/catalogue.json'));
  });
});

describe('the server boundary', () => {
  // Importing astro:content from on-demand code puts every MDX letter into the server bundle (compiled
  // a second time at build); the server learns about letters from the manifest instead.
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );

  it('src/server imports nothing from astro:* and nothing from src/catalogue', () => {
    const catalogue = path.resolve('src/catalogue') + path.sep;
    const offenders = files('src/server').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)]
        .map((m) => m[1] ?? '')
        .filter((spec) => spec.startsWith('astro:') || path.resolve(path.dirname(file), spec).startsWith(catalogue))
        .map((spec) => `${file}: ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
