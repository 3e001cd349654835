import { isInputError } from 'astro:actions';
import { describe, expect, it, vi } from 'vitest';
import { server } from '../../../src/actions';
import { moderationRequest } from '../../../src/actions/desk/replies';
import { listAudit } from '../../../src/server/desk/audit';
import { getReply } from '../../../src/server/replies/repository';
import { describeEachDb, useSiteDbPerTest } from '../db-harness';
import { makeEditor, makeReply } from '../desk/helpers';
import { actionContext, call, form } from './context';

vi.mock('../../../src/server/desk/letters', () => ({
  listDeskLetters: () =>
    Promise.resolve([
      { id: 'rain-spots', headline: 'Rain spots', published: true },
      { id: 'next-week', headline: 'Next week', published: false },
    ]),
  listColumnistNames: () => Promise.resolve([{ id: 'pursebop', name: 'PurseBop' }]),
}));

const { moderate, edit, columnist } = server.desk.replies;

/** The first message for each field of a refused action, as a page shows it. */
function fieldsOf(error: unknown): Record<string, string | undefined> {
  if (!isInputError(error)) throw new Error(`not a field error: ${String(error)}`);
  return Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, v?.[0]]));
}

describe('moderation form reading', () => {
  it('reads a row button, the ticked boxes, and "select all" as every listed reply', () => {
    expect(moderationRequest({ one: 'spam:12' })).toEqual({ action: 'spam', ids: [12] });
    expect(moderationRequest({ bulk: 'approve', ids: ['3', 'x', '1.5', '-4', '5'] })).toEqual({
      action: 'approve',
      ids: [3, 5],
    });
    expect(moderationRequest({ bulk: 'hold', all: 'on', shown: ['7', '8'], ids: ['7'] })).toEqual({
      action: 'hold',
      ids: [7, 8],
    });
  });

  it('names the missing part as a field error, never a parsed message', () => {
    const cases: [Parameters<typeof moderationRequest>[0], string][] = [
      [{ bulk: 'publish-everything', ids: ['1'] }, 'bulk'],
      [{ one: 'explode:1' }, 'bulk'],
      [{ bulk: 'approve' }, 'ids'],
      [{ one: 'approve:1.5' }, 'ids'],
      [{ one: `approve:${'9'.repeat(21)}` }, 'ids'],
    ];
    for (const [input, field] of cases) {
      let caught: unknown;
      try {
        moderationRequest(input);
      } catch (err) {
        caught = err;
      }
      expect(Object.keys(fieldsOf(caught))).toEqual([field]);
    }
  });
});

describeEachDb('desk reply actions', (target) => {
  const db = useSiteDbPerTest(target);

  it('refuses every desk reply action without a signed-in editor, changing nothing', async () => {
    const reply = await makeReply(db(), { letterId: 'rain-spots' });
    const anonymous = actionContext();
    const results = [
      await call(moderate, anonymous, form({ one: `approve:${String(reply.id)}` })),
      await call(edit, anonymous, form({ id: reply.id, body: 'Rewritten' })),
      await call(columnist, anonymous, form({ parentId: reply.id, columnist: 'pursebop', body: 'Forged' })),
    ];
    expect(results.map((r) => (r.error as { code?: string } | undefined)?.code)).toEqual([
      'UNAUTHORIZED',
      'UNAUTHORIZED',
      'UNAUTHORIZED',
    ]);
    expect(await getReply(db(), reply.id)).toEqual(reply);
    expect(await listAudit(db(), { limit: 10, offset: 0 })).toEqual([]);
  });

  it('moderates one reply or the ticked ones and reports how many changed and were gone', async () => {
    const ctx = actionContext({ editor: await makeEditor(db()) });
    const a = await makeReply(db(), { letterId: 'rain-spots' });
    const b = await makeReply(db(), { letterId: 'rain-spots' });
    const one = await call(moderate, ctx, form({ one: `approve:${String(a.id)}` }));
    expect(one.data).toEqual({ action: 'approve', changed: 1, missing: 0 });
    expect((await getReply(db(), a.id))?.status).toBe('published');
    const bulk = await call(moderate, ctx, form({ bulk: 'spam', ids: [a.id, b.id, 99_999] }));
    expect(bulk.data).toEqual({ action: 'spam', changed: 2, missing: 1 });
    const refused = await call(moderate, ctx, form({ bulk: 'approve' }));
    expect(fieldsOf(refused.error)).toEqual({ ids: 'Tick at least one reply first.' });
  });

  it('saves a desk edit, and refuses an empty one as a body field error without touching the reply', async () => {
    const ctx = actionContext({ editor: await makeEditor(db()) });
    const reply = await makeReply(db(), { letterId: 'rain-spots', status: 'published' });
    const saved = await call(edit, ctx, form({ id: reply.id, body: 'Tidied **text**' }));
    expect(saved.data).toEqual({ id: reply.id });
    expect((await getReply(db(), reply.id))?.body_html).toContain('<strong>text</strong>');
    const empty = await call(edit, ctx, form({ id: reply.id, body: '   ' }));
    expect(fieldsOf(empty.error)).toEqual({ body: 'The reply cannot be empty.' });
    const gone = await call(edit, ctx, form({ id: 99_999, body: 'Hello' }));
    expect((gone.error as { code?: string }).code).toBe('NOT_FOUND');
    expect((await getReply(db(), reply.id))?.body_markdown).toBe('Tidied **text**');
  });

  it('publishes a columnist reply under a reply or on a published letter, and names a bad field', async () => {
    const ctx = actionContext({ editor: await makeEditor(db()) });
    const parent = await makeReply(db(), { letterId: 'rain-spots', status: 'published' });
    const under = await call(columnist, ctx, form({ parentId: parent.id, columnist: 'pursebop', body: 'From us' }));
    const child = await getReply(db(), (under.data as { id: number }).id);
    expect(child).toMatchObject({
      parent_id: parent.id,
      letter_id: 'rain-spots',
      author_name: 'PurseBop',
      is_columnist: 1,
    });
    const top = await call(columnist, ctx, form({ letterId: 'rain-spots', columnist: 'pursebop', body: 'On top' }));
    expect(await getReply(db(), (top.data as { id: number }).id)).toMatchObject({
      parent_id: null,
      status: 'published',
    });

    const refusals = [
      await call(columnist, ctx, form({ letterId: 'rain-spots', columnist: 'nobody', body: 'Hi' })),
      await call(columnist, ctx, form({ letterId: 'next-week', columnist: 'pursebop', body: 'Hi' })),
      await call(columnist, ctx, form({ columnist: 'pursebop', body: 'Hi' })),
      await call(columnist, ctx, form({ letterId: 'rain-spots', columnist: 'pursebop', body: '' })),
    ];
    expect(refusals.map((r) => fieldsOf(r.error))).toEqual([
      { columnist: 'Choose which columnist signs the reply.' },
      { letterId: 'Choose a published letter first.' },
      { letterId: 'Choose a published letter first.' },
      { body: 'The reply cannot be empty.' },
    ]);
  });
});
