import { describe, expect, it, vi } from 'vitest';
import { server } from '../../../src/actions';
import { issueFormStamp } from '../../../src/server/spam';
import { dbTargets, useSiteDbPerTest, type DbTarget } from '../db-harness';
import { actionContext, call, form } from './context';

/** The manifest is unreadable on the first read only, as during a deploy that swaps the build under the server. */
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/server/catalogue/manifest', () => ({
  listTopics: () => {
    reads.count += 1;
    return reads.count === 1
      ? Promise.reject(new Error('catalogue manifest: cannot read /srv/pursebop/server/catalogue.json'))
      : Promise.resolve([{ id: 'care-repair', name: 'Care and repair' }]);
  },
}));

// What is tested is the action's own memory of the topic list, which lives as long as the process: one
// database is enough, and a second run in the same process would find the list already read.
describe('the question form action', () => {
  const [sqlite] = dbTargets as [DbTarget, ...DbTarget[]];
  const db = useSiteDbPerTest(sqlite);

  const question = () =>
    form({
      pseudonym: 'Scuffed Corners',
      topic: 'care-repair',
      body: 'My structured tote has scuffed corners from rubbing against my winter coat. Can a careful cleaning and some conditioner bring the colour back without making the wear on the leather any worse than it already is?',
      consent: 'on',
      stamp: issueFormStamp(Date.now() - 5_000),
      website: '',
    });

  it('tries the topic list again after a failed read instead of refusing every question until a restart', async () => {
    reads.count = 0;
    const failed = await call(server.questions.submit, actionContext(), question());
    expect(failed.error).toBeDefined();
    const stored = await call(server.questions.submit, actionContext({ address: '192.0.2.77' }), question());
    expect(stored.error).toBeUndefined();
    expect(stored.data).toMatchObject({ token: expect.any(String) as string });
    const row = await db().get<{ n: number | string }>('SELECT COUNT(*) AS n FROM questions');
    expect(Number(row?.n)).toBe(1);
  });
});
