import { describe, expect, it } from 'vitest';
import { planPublish, type InputsRecord } from '../../../src/lib/publish-plan';

const live: InputsRecord = {
  settings: { SITE_URL: 'https://pursebop.example', CONTENT_DIR: '' },
  files: {
    'src/pages/index.astro': 'a1',
    'content/topics.json': 'b1',
    'content/columnists/pursebop.md': 'c1',
    'content/letters/2024-01-01-one.mdx': 'd1',
    'content/letters/images/stitching.jpg': 'e1',
  },
};

const withFiles = (files: Record<string, string | undefined>): InputsRecord => {
  const merged = Object.entries({ ...live.files, ...files }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return { settings: live.settings, files: Object.fromEntries(merged) };
};

const plan = (after: InputsRecord) => planPublish(live, after, 'content/letters');

describe('choosing between the quick publish and a full build', () => {
  it('takes the quick path for added and edited letters, new pictures coming along', () => {
    expect(
      plan(
        withFiles({
          'content/letters/2024-01-01-one.mdx': 'd2',
          'content/letters/2025-02-02-two.mdx': 'f1',
          'content/letters/images/new.jpg': 'g1',
        }),
      ),
    ).toEqual({ kind: 'quick', letters: ['2024-01-01-one.mdx', '2025-02-02-two.mdx'] });
  });

  it('has nothing to do when nothing changed', () => {
    expect(plan(withFiles({}))).toEqual({ kind: 'none' });
  });

  it.each([
    ['code', { 'src/pages/index.astro': 'a2' }, 'src/pages/index.astro is not a letter'],
    ['a columnist', { 'content/columnists/pursebop.md': 'c2' }, 'content/columnists/pursebop.md is not a letter'],
    ['topics', { 'content/topics.json': 'b2' }, 'content/topics.json is not a letter'],
    ['a removed letter', { 'content/letters/2024-01-01-one.mdx': undefined }, 'was removed'],
    ['a changed picture', { 'content/letters/images/stitching.jpg': 'e2' }, 'stitching.jpg changed'],
    ['a letter name with glob syntax', { 'content/letters/2025-01-01-{a,b}.mdx': 'x' }, 'name the quick path'],
    // The full build never publishes these; the quick path must not either (it would replace /letters/one/).
    ['a letter in a hidden folder', { 'content/letters/.drafts/2024-01-01-one.mdx': 'x' }, 'name the quick path'],
    ['a hidden letter file', { 'content/letters/.2025-01-01-three.mdx': 'x' }, 'name the quick path'],
    ['a letter name climbing out', { 'content/letters/../2025-01-01-four.mdx': 'x' }, 'name the quick path'],
  ])('needs a full build for %s', (_, files, reason) => {
    const result = plan(withFiles({ 'content/letters/2025-02-02-two.mdx': 'f1', ...files }));
    expect(result.kind).toBe('full');
    expect(result.kind === 'full' && result.reason).toContain(reason);
  });

  it('needs a full build when only a picture was added (no letter shows it yet)', () => {
    expect(plan(withFiles({ 'content/letters/images/new.jpg': 'g1' }))).toEqual({
      kind: 'full',
      reason: 'no letter changed',
    });
  });

  it('needs a full build when a setting baked into the pages changed, or the live build kept no record', () => {
    const moved = {
      ...withFiles({ 'content/letters/2025-02-02-two.mdx': 'f1' }),
      settings: { SITE_URL: 'https://x.example' },
    };
    expect(plan(moved)).toMatchObject({ kind: 'full', reason: 'SITE_URL changed' });
    expect(planPublish(undefined, live, 'content/letters')).toEqual({
      kind: 'full',
      reason: 'the live build has no record of its inputs',
    });
  });

  it('lists the letters to publish in name order, whatever order the record keeps them in', () => {
    const after = withFiles({
      'content/letters/2026-03-03-zip.mdx': 'z1',
      'content/letters/2025-02-02-two.mdx': 'f1',
      'content/letters/2024-01-01-one.mdx': 'd2',
    });
    expect(plan(after)).toEqual({
      kind: 'quick',
      letters: ['2024-01-01-one.mdx', '2025-02-02-two.mdx', '2026-03-03-zip.mdx'],
    });
  });
});
