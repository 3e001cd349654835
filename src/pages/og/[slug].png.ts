import type { APIRoute, GetStaticPaths } from 'astro';
import { loadCatalogue, must } from '../../catalogue/letters';
import type { OgCardInput } from '../../lib/og-key';
import { ogImage, warmOgImages } from '../../og/cache';

export const getStaticPaths = (async () => {
  const catalogue = await loadCatalogue();
  const cards = catalogue.letters.map((letter) => ({
    slug: letter.id,
    card: {
      headline: letter.data.headline,
      pseudonym: letter.data.pseudonym,
      columnist: must(catalogue.columnists, letter.data.columnist.id).data.name,
    },
  }));
  warmOgImages(cards.map(({ card }) => card));
  return cards.map(({ slug, card }) => ({ params: { slug }, props: { card } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ card: OgCardInput }> = async ({ props }) => {
  const png = await ogImage(props.card, undefined, undefined, true);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
