import { createHash } from 'node:crypto';

/** What a social preview image shows; anything that changes the picture belongs here. */
export interface OgCardInput {
  headline: string;
  pseudonym: string;
  columnist: string;
}

/** Bump when the card's design changes so every cached image is drawn again. */
export const OG_DESIGN_VERSION = 2;

/** Content hash naming the cached PNG: the same text and design always map to the same file. */
export function ogCacheKey(input: OgCardInput, designVersion = OG_DESIGN_VERSION): string {
  const payload = JSON.stringify([designVersion, input.headline, input.pseudonym, input.columnist]);
  return createHash('sha256').update(payload).digest('hex').slice(0, 32);
}
