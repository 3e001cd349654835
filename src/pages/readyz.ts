import type { APIRoute } from 'astro';
import { getDb } from '../server/db';
import { migrations } from '../server/db/migrations';
import { errorFields, log } from '../server/log';
import { checkReadiness } from '../server/readiness';

export const prerender = false;

const answer = (status: number, body: object) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * For a load balancer or orchestrator: 200 once the database answers and its schema is
 * current, 503 otherwise. The reason is logged, not shown (it may name the database).
 */
export const GET: APIRoute = async () => {
  try {
    const readiness = await checkReadiness(await getDb(), migrations);
    if (readiness.ready) return answer(200, { status: 'ready' });
    log('readyz').warn({ reason: readiness.reason }, 'not ready');
  } catch (err) {
    log('readyz').warn(errorFields(err), 'not ready: the database does not answer');
  }
  return answer(503, { status: 'not ready' });
};
