import { renderAsync } from '@resvg/resvg-js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import satori from 'satori';
import type { OgCardInput } from '../lib/og-key';
import { ogCard } from './card';

// Paths come from the working directory: inside the server bundle import.meta.url points into chunks.
const fontDir = () => join(process.cwd(), 'node_modules/@fontsource/literata/files');

let fonts: Promise<{ name: string; data: Buffer; weight: 400 | 600; style: 'normal' }[]> | undefined;

function loadFonts() {
  fonts ??= Promise.all(
    ([400, 600] as const).map(async (weight) => ({
      name: 'Literata',
      data: await readFile(join(fontDir(), `literata-latin-${String(weight)}-normal.woff`)),
      weight,
      style: 'normal' as const,
    })),
  );
  return fonts;
}

/** Draws the social preview card as a PNG. Rasterising runs off the main thread in resvg's pool. */
export async function renderOgPng(input: OgCardInput): Promise<Uint8Array> {
  const svg = await satori(ogCard(input), { width: 1200, height: 630, fonts: await loadFonts() });
  const image = await renderAsync(svg, { fitTo: { mode: 'width', value: 1200 } });
  return image.asPng();
}
