import type { APIRoute } from 'astro';
import { loadCatalogue } from '../catalogue/letters';
import { catalogueManifest } from '../catalogue/manifest';

// Written once per build and moved next to the server bundle by the catalogue-manifest integration,
// so on-demand routes learn which letters exist without bundling (and recompiling) every MDX file.
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(catalogueManifest(await loadCatalogue())), {
    headers: { 'Content-Type': 'application/json' },
  });
