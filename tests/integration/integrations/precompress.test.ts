import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressAssets } from '../../../src/integrations/precompress';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pursebop-precompress-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressAssets', () => {
  it('writes .gz and .br copies that decompress to the original, and only for assets', async () => {
    const script = 'export const greeting = "Dear PurseBop";\n'.repeat(200);
    mkdirSync(path.join(dir, '_astro'), { recursive: true });
    mkdirSync(path.join(dir, 'letters/x'), { recursive: true });
    writeFileSync(path.join(dir, '_astro/app.js'), script);
    writeFileSync(path.join(dir, 'letters/x/index.html'), `<p>${'x'.repeat(5000)}</p>`);

    expect(await precompressAssets(dir)).toBe(1);
    expect(gunzipSync(readFileSync(path.join(dir, '_astro/app.js.gz'))).toString()).toBe(script);
    expect(brotliDecompressSync(readFileSync(path.join(dir, '_astro/app.js.br'))).toString()).toBe(script);
    expect(readFileSync(path.join(dir, '_astro/app.js.br')).length).toBeLessThan(script.length / 10);
    expect(existsSync(path.join(dir, 'letters/x/index.html.gz'))).toBe(false);
  });
});
