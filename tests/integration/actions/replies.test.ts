import { ActionError, isInputError } from 'astro:actions';
import { expect, it, vi } from 'vitest';
import { parse as parseDevalue } from 'devalue';
import { server } from '../../../src/actions';
import { answerCreatePost } from '../../../src/actions/replies';
import { FieldError } from '../../../src/actions/field-error';
import { fieldErrors } from '../../../src/lib/reply-form-errors';
import type { ActionPost } from '../../../src/server/replies/create-post';
import { issueFormStamp } from '../../../src/server/spam';
import { describeEachDb, useSiteDbPerTest } from '../db-harness';
import { actionContext, call, form } from './context';

/** A fault of the site's own, worded as Node words one: it names a file on the server. */
const UNREADABLE_MANIFEST = "ENOENT: no such file or directory, open '/srv/pursebop/server/catalogue.json'";

vi.mock('../../../src/server/replies/letters', () => ({
  letterExists: (id: string) =>
    id === 'manifest-gone' ? Promise.reject(new Error(UNREADABLE_MANIFEST)) : Promise.resolve(id === 'rain-spots'),
}));

it('a field error survives the trip to the browser as a field error, with its message untouched', () => {
  const error = new FieldError('parentId', 'The reply you are answering no longer exists.');
  expect(isInputError(error)).toBe(true);
  // What Astro sends for a thrown ActionError, read back the way the browser reads it.
  const received = ActionError.fromJson(
    JSON.parse(JSON.stringify(Object.assign({}, error, { message: error.message }))),
  );
  expect(isInputError(received)).toBe(true);
  expect(fieldErrors(received)).toEqual({ parentId: 'The reply you are answering no longer exists.' });
});

describeEachDb('reader reply actions', (target) => {
  useSiteDbPerTest(target);

  const reply = (over: Record<string, string | number> = {}) =>
    form({
      letterId: 'rain-spots',
      name: 'Field Tester',
      body: 'A reply',
      stamp: issueFormStamp(Date.now() - 5_000),
      ...over,
    });

  it('reports a service refusal as a structured field error on the field it concerns', async () => {
    const gone = await call(server.replies.create, actionContext(), reply({ parentId: 99_999 }));
    expect(fieldErrors(gone.error as ActionError)).toEqual({
      parentId: 'The reply you are answering no longer exists.',
    });
    const stale = await call(server.replies.create, actionContext(), reply({ stamp: 'forged.stamp.value' }));
    expect(isInputError(stale.error)).toBe(true);
    expect(Object.keys(fieldErrors(stale.error as ActionError))).toEqual(['body']);
  });

  it("answers a fault of the site's own with a plain line and a wait, never the fault's own words", async () => {
    const context = actionContext();
    const failed = await call(server.replies.create, context, reply({ letterId: 'manifest-gone' }));
    expect(failed.error).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Something went wrong on our side. Please try again in a minute.',
    });
    expect(JSON.stringify(failed.error)).not.toContain('catalogue.json');
    expect((context.locals as { retryAfterSeconds?: number }).retryAfterSeconds).toBe(60);
  });

  it('keeps other refusals as plain action errors with their own status', async () => {
    const created = await call(server.replies.create, actionContext(), reply());
    const { reply: posted } = created.data as { reply: { id: number } };
    const forged = await call(
      server.replies.edit,
      actionContext(),
      form({ id: posted.id, token: 'not-a-token', body: 'x' }),
    );
    expect(isInputError(forged.error)).toBe(false);
    expect(forged.error).toMatchObject({ code: 'FORBIDDEN', message: 'Only the author can change this reply.' });
  });
});

describeEachDb("the site server's answer to the reply form's post", (target) => {
  const db = useSiteDbPerTest(target);
  const SITE = 'http://127.0.0.1:4321';

  const fields = (over: Record<string, string> = {}) =>
    form({
      letterId: 'rain-spots',
      stamp: issueFormStamp(Date.now() - 5_000),
      website: '',
      name: 'Field Tester',
      email: '',
      body: `A reply ${String(Math.random())}`,
      ...over,
    });

  /** The post as the site server hands it over: the multipart bytes the island's FormData makes. */
  async function post(data: FormData, headers: Record<string, string> = { origin: SITE }): Promise<ActionPost> {
    const request = new Request(`${SITE}/_actions/replies.create`, { method: 'POST', body: data });
    return {
      url: '/_actions/replies.create',
      protocol: 'http',
      headers: { host: '127.0.0.1:4321', 'content-type': request.headers.get('content-type') ?? '', ...headers },
      remoteAddress: '192.0.2.10',
      body: new Uint8Array(await request.arrayBuffer()),
    };
  }

  const bodies = async () =>
    (await db().all<{ body_markdown: string }>('SELECT body_markdown FROM replies')).map((r) => r.body_markdown);

  it("stores the reply through the action's handler and answers in Astro's format", async () => {
    const sent = fields({ body: 'Stored through the site server' });
    const answer = await answerCreatePost(await post(sent));
    expect(answer?.status).toBe(200);
    expect(answer?.headers).toEqual({ 'Content-Type': 'application/json+devalue' });
    const data = parseDevalue(answer?.body ?? '') as { reply: { bodyMarkdown: string }; token: string };
    expect(data.reply.bodyMarkdown).toBe('Stored through the site server');
    expect(await bodies()).toEqual(['Stored through the site server']);
    // The same fields through Astro's action give an answer of the same shape.
    const viaAstro = await call(server.replies.create, actionContext(), fields());
    expect(Object.keys(data).sort()).toEqual(Object.keys(viaAstro.data as object).sort());
    expect(Object.keys(data.reply).sort()).toEqual(Object.keys((viaAstro.data as typeof data).reply).sort());
  });

  it("keeps the author known from the plain form's cookie when the form sends no key", async () => {
    const first = parseDevalue((await answerCreatePost(await post(fields())))?.body ?? '') as { authorKey: string };
    const again = await answerCreatePost(
      await post(fields(), { origin: SITE, cookie: `other=1; pursebop_author=${first.authorKey}` }),
    );
    expect((parseDevalue(again?.body ?? '') as { authorKey: string }).authorKey).toBe(first.authorKey);
  });

  it('leaves to Astro, untouched, what the action would refuse before its handler', async () => {
    const sent = fields();
    const cases: ActionPost[] = [
      await post(sent, { origin: 'https://elsewhere.example' }),
      // No Origin: a form body a cross-site page could send is refused.
      await post(sent, {}),
      await post(sent, { origin: SITE, 'sec-fetch-site': 'cross-site', host: 'elsewhere.example' }),
      { ...(await post(sent)), url: '/_actions/replies.create?x=1' },
      await post(fields({ name: '' })),
      { ...(await post(sent)), headers: { host: '127.0.0.1:4321', origin: SITE, 'content-type': 'application/json' } },
    ];
    for (const c of cases) expect(await answerCreatePost(c)).toBeUndefined();
    expect(await bodies()).toEqual([]);
    // Its stamp was not spent: the same form still posts.
    expect((await answerCreatePost(await post(sent)))?.status).toBe(200);
  });

  it("answers a fault of the site's own as the action does: 503 with Retry-After, nothing of the fault's words", async () => {
    const answer = await answerCreatePost(await post(fields({ letterId: 'manifest-gone' })));
    expect(answer?.status).toBe(503);
    expect(answer?.headers['Retry-After']).toBe('60');
    expect(answer?.body).not.toContain('catalogue.json');
    expect(JSON.parse(answer?.body ?? '')).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Something went wrong on our side. Please try again in a minute.',
    });
    expect(await bodies()).toEqual([]);
  });

  it("answers refusals as Astro does: field errors, a bot's decoy, and 429 with Retry-After", async () => {
    const bot = await answerCreatePost(await post(fields({ website: 'http://spam.example' })));
    expect(bot?.status).toBe(200);
    expect(await bodies()).toEqual([]);
    const sent = fields();
    expect((await answerCreatePost(await post(sent)))?.status).toBe(200);
    const twice = await answerCreatePost(await post(sent));
    expect(twice?.status).toBe(400);
    const error = ActionError.fromJson(JSON.parse(twice?.body ?? ''));
    expect(isInputError(error)).toBe(true);
    expect(fieldErrors(error)).toEqual({ body: 'You already posted this reply a few minutes ago.' });
    let last: Awaited<ReturnType<typeof answerCreatePost>>;
    do last = await answerCreatePost(await post(fields()));
    while (last?.status === 200);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers['Retry-After'])).toBeGreaterThan(0);
    expect(JSON.parse(last?.body ?? '')).toMatchObject({ type: 'AstroActionError', code: 'TOO_MANY_REQUESTS' });
  });
});
