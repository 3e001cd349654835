import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ogCacheKey, type OgCardInput } from '../lib/og-key';
import { config } from '../server/config';
import { renderOgPng } from './render';

/** Outside the build folder so images survive between builds; OG_CACHE_DIR lets tests use a scratch folder. */
export function ogCacheDir(): string {
  return config().OG_CACHE_DIR ?? join(process.cwd(), 'node_modules/.cache/og');
}

type Renderer = (input: OgCardInput) => Promise<Uint8Array>;

const jobs = new Map<string, Promise<Uint8Array>>();

/**
 * Cards drawn at the same time. Satori lays out on the main thread, so a crawler asking for many
 * new cards at once must not pile up half-built SVGs; a few in flight keep resvg's threads busy.
 */
const MAX_DRAWING = 4;
let drawing = 0;
const waiting: (() => void)[] = [];

async function withDrawSlot<T>(work: () => Promise<T>): Promise<T> {
  while (drawing >= MAX_DRAWING) await new Promise<void>((resolve) => waiting.push(resolve));
  drawing++;
  try {
    return await work();
  } finally {
    drawing--;
    waiting.shift()?.();
  }
}

/**
 * The PNG for one card: read from the content-hash cache when present, otherwise drawn and stored.
 * Concurrent callers for the same card share one job; `release` drops it once answered, so the
 * server does not keep every image it ever drew in memory.
 */
export function ogImage(
  input: OgCardInput,
  render: Renderer = renderOgPng,
  dir = ogCacheDir(),
  release = false,
): Promise<Uint8Array> {
  const key = ogCacheKey(input);
  const jobKey = `${dir}\0${key}`;
  let job = jobs.get(jobKey);
  if (!job) {
    job = readOrDraw(join(dir, `${key}.png`), () => withDrawSlot(() => render(input)));
    jobs.set(jobKey, job);
  }
  if (release) {
    void job.finally(() => jobs.delete(jobKey)).catch(() => undefined);
  }
  return job;
}

async function readOrDraw(file: string, draw: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch {
    const png = await draw();
    await mkdir(join(file, '..'), { recursive: true });
    // Write then rename so a concurrent build never reads half a file.
    const temp = `${file}.${String(process.pid)}.tmp`;
    await writeFile(temp, png);
    await rename(temp, file);
    return png;
  }
}
