import type { APIRoute } from 'astro';
import { actions } from 'astro:actions';

export const prerender = false;

/**
 * Where the sign-out button posts; the desk.session.logout action ends the session (after the
 * middleware has checked the CSRF token). A post without `?_action=` (a page loaded before the
 * button named its action) is signed out the same way.
 */
export const POST: APIRoute = async (context) => {
  const result =
    context.getActionResult(actions.desk.session.logout) ??
    (await context.callAction(actions.desk.session.logout, new FormData()));
  if (result.error) return new Response(result.error.message, { status: result.error.status });
  return context.redirect(result.data.redirect, 303);
};
