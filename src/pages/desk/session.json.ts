import type { APIRoute } from 'astro';

export const prerender = false;

/**
 * Lets the static letter page learn whether an editor is signed in (the session cookie is
 * scoped to /desk, so only this same-origin request carries it). The page can then link to
 * /desk/replies/new?letter=<slug> or /desk/replies/<id> to reply as the columnist.
 * Anyone may ask; a signed-out visitor simply gets `signedIn: false`.
 */
export const GET: APIRoute = ({ locals }) =>
  new Response(JSON.stringify({ signedIn: Boolean(locals.desk), name: locals.desk?.editor.displayName ?? null }), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
