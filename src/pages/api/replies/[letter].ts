import type { APIRoute } from 'astro';
import { answerThread } from '../../../server/replies/thread-endpoint';

// A thread is the same for every reader, so it is a plain GET a browser or CDN may keep.
export const prerender = false;

export const GET: APIRoute = async ({ params, url, request, locals }) => {
  // Once this build has answered a thread here, the site server answers the next ones itself,
  // without Astro's request and response handling (most of the cost of this small answer).
  if (locals.siteHooks) locals.siteHooks.thread ??= answerThread;
  const answer = await answerThread({
    letter: params.letter,
    sort: url.searchParams.get('sort'),
    page: url.searchParams.get('page'),
    ifNoneMatch: request.headers.get('if-none-match'),
  });
  return new Response(answer.status === 304 ? null : answer.body, { status: answer.status, headers: answer.headers });
};
