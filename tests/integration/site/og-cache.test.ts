import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ogCacheKey } from '../../../src/lib/og-key';
import { renderOgPng } from '../../../src/og/render';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pursebop-og-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const card = { headline: 'Is a fixture headline enough for a card?', pseudonym: 'Tester', columnist: 'PurseBop' };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

/** A fresh copy of the cache module, as a new build process would load it. */
async function freshCache() {
  vi.resetModules();
  return import('../../../src/og/cache');
}

describe('social preview images', () => {
  it('draws a 1200×630 PNG with the real fonts', async () => {
    const png = await renderOgPng(card);
    expect([...png.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
  });

  it('draws each card once and reuses the cached file on the next build', async () => {
    const dir = scratch();
    const draw = vi.fn(() => Promise.resolve(new Uint8Array([1, 2, 3])));
    const firstBuild = await freshCache();
    const [a, b] = await Promise.all([firstBuild.ogImage(card, draw, dir), firstBuild.ogImage(card, draw, dir)]);
    expect(draw).toHaveBeenCalledTimes(1);
    expect([...a]).toEqual([1, 2, 3]);
    expect(b).toBe(a);
    expect(readdirSync(dir)).toEqual([`${ogCacheKey(card)}.png`]);

    const secondBuild = await freshCache();
    const cached = await secondBuild.ogImage(card, draw, dir);
    expect(draw).toHaveBeenCalledTimes(1);
    expect([...cached]).toEqual([1, 2, 3]);

    await secondBuild.ogImage({ ...card, headline: 'A changed headline draws a new card?' }, draw, dir);
    expect(draw).toHaveBeenCalledTimes(2);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
