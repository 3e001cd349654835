import type { ImageMetadata } from 'astro';

// <Figure src="..."> is written in MDX without an import, so the pictures it may name are
// collected here at build time and optimised by astro:assets like any imported image.
const images = import.meta.glob<{ default: ImageMetadata }>('/content/letters/images/*.{jpg,jpeg,png,webp,avif}', {
  eager: true,
});

const byName = new Map(Object.entries(images).map(([path, module]) => [path.split('/').pop() ?? path, module.default]));

/** Resolves "./images/stitching.jpg" (or just "stitching.jpg") to the image in content/letters/images/. */
export function findLetterImage(src: string): ImageMetadata {
  const name = src.split('/').pop() ?? src;
  const found = byName.get(name);
  if (!found) {
    const known = [...byName.keys()].join(', ') || 'none';
    throw new Error(`<Figure src="${src}">: no such image in content/letters/images/ (available: ${known}).`);
  }
  return found;
}
