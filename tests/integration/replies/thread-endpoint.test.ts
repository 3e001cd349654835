import { expect, it, vi } from 'vitest';
import * as repo from '../../../src/server/replies/repository';
import { GET } from '../../../src/pages/api/replies/[letter]';
import { answerThread, type ThreadQuery } from '../../../src/server/replies/thread-endpoint';
import { describeEachDb, useSiteDbPerTest } from '../db-harness';

vi.mock('../../../src/server/replies/letters', () => ({
  letterExists: (id: string) => Promise.resolve(id === 'rain-spots'),
}));

const LETTER = 'rain-spots';

describeEachDb('thread GET answer (the route and the site server send the same one)', (target) => {
  const db = useSiteDbPerTest(target);

  let clock = 1_800_000_000_000;
  const add = (body: string, status: repo.ReplyStatus = 'published') =>
    repo.insertReply(db(), {
      letterId: LETTER,
      parentId: null,
      depth: 1,
      authorName: 'Reader',
      authorEmail: null,
      notifyReplies: false,
      bodyMarkdown: body,
      status,
      holdReason: null,
      isColumnist: false,
      clientKey: 'k',
      replierKey: 'r',
      now: ++clock,
    });
  const ask = (over: Partial<ThreadQuery> = {}) =>
    answerThread({ letter: LETTER, sort: null, page: null, ifNoneMatch: null, ...over });
  const bodies = (body: string) =>
    (JSON.parse(body) as { replies: { bodyHtml: string }[] }).replies.map((r) => r.bodyHtml.replace(/<\/?p>\n?/g, ''));

  it('replaces the cached answer after a new reply and after each moderation decision', async () => {
    await add('first reply');
    const first = await ask();
    expect(first.status).toBe(200);
    expect(bodies(first.body)).toEqual(['first reply']);
    const etag = first.headers.ETag ?? '';
    expect(first.headers['Cache-Control']).toBe('public, max-age=0, s-maxage=5, must-revalidate');
    // Asked again unchanged: the same validator, so a revalidation is a 304 without a body.
    expect((await ask()).headers.ETag).toBe(etag);
    expect(await ask({ ifNoneMatch: etag })).toEqual({
      status: 304,
      headers: { ETag: etag, 'Cache-Control': first.headers['Cache-Control'] },
      body: '',
    });

    const held = await add('held reply', 'held');
    const afterHeld = await ask({ ifNoneMatch: etag });
    expect(afterHeld.status).toBe(200);
    expect(bodies(afterHeld.body)).toEqual(['first reply']);

    const second = await add('second reply');
    const afterNew = await ask({ ifNoneMatch: afterHeld.headers.ETag ?? '' });
    expect(afterNew.status).toBe(200);
    expect(afterNew.headers.ETag).not.toBe(afterHeld.headers.ETag);
    expect(bodies(afterNew.body)).toEqual(['first reply', 'second reply']);

    expect(await repo.setReplyStatus(db(), held.id, 'published')).toBe(true);
    const afterApproval = await ask({ ifNoneMatch: afterNew.headers.ETag ?? '' });
    expect(afterApproval.status).toBe(200);
    expect(bodies(afterApproval.body)).toEqual(['first reply', 'held reply', 'second reply']);

    expect(await repo.setReplyStatus(db(), second.id, 'rejected')).toBe(true);
    const afterRejection = await ask({ ifNoneMatch: afterApproval.headers.ETag ?? '' });
    expect(afterRejection.status).toBe(200);
    expect(bodies(afterRejection.body)).toEqual(['first reply', 'held reply']);
    // An old validator never earns a 304 again.
    expect((await ask({ ifNoneMatch: etag })).status).toBe(200);
  });

  it('answers bad input and unknown letters with the errors the route always gave', async () => {
    expect(await ask({ page: '0' })).toEqual({
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: 'page must be a whole number' }),
    });
    expect((await ask({ sort: 'evil' })).body).toBe(
      JSON.stringify({ error: 'sort must be oldest, newest or helpful' }),
    );
    expect(await ask({ letter: 'no-such-letter' })).toEqual({
      status: 404,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: 'There is no letter at this address.' }),
    });
  });

  it('the route answers with the same function and leaves it for the site server to call next time', async () => {
    await add('first reply');
    const locals: App.Locals = { siteHooks: {} };
    const url = new URL(`http://localhost/api/replies/${LETTER}?sort=newest&page=1`);
    const context = { params: { letter: LETTER }, url, request: new Request(url), locals };
    const res = await GET(context as unknown as Parameters<typeof GET>[0]);
    expect(locals.siteHooks?.thread).toBe(answerThread);
    const direct = await ask({ sort: 'newest', page: '1' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(direct.body);
    expect(res.headers.get('etag')).toBe(direct.headers.ETag);
    const again = await GET({
      ...context,
      request: new Request(url, { headers: { 'if-none-match': direct.headers.ETag ?? '' } }),
    } as unknown as Parameters<typeof GET>[0]);
    expect(again.status).toBe(304);
  });
});
