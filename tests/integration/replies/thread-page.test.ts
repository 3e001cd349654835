import { afterAll, beforeEach, expect, it } from 'vitest';
import { buildReplyTree, pageOfThreads, type ReplyNode, type ReplySort } from '../../../src/lib/reply-tree';
import type { Db } from '../../../src/server/db';
import * as repo from '../../../src/server/replies/repository';
import { readPublicPage, THREADS_PER_PAGE, threadVersion, toPublicReply } from '../../../src/server/replies/service';
import { describeEachDb } from '../db-harness';

const LETTER = 'rain-spots';

describeEachDb('thread pages read without the whole thread', (target) => {
  let db: Db;
  afterAll(() => target.cleanup());
  beforeEach(async () => {
    db = await target.open();
  });

  let clock = 1_800_000_000_000;
  const add = (parentId: number | null, depth: number, status: repo.ReplyStatus = 'published') =>
    repo.insertReply(db, {
      letterId: LETTER,
      parentId,
      depth,
      authorName: 'Reader',
      authorEmail: null,
      notifyReplies: false,
      bodyMarkdown: `reply at ${String(++clock)}`,
      status,
      holdReason: null,
      isColumnist: false,
      clientKey: 'k',
      replierKey: 'r',
      now: clock,
    });

  const flat = (tree: ReplyNode[]): number[] => tree.flatMap((n) => [n.reply.id, ...flat(n.children)]);

  it('gives every page exactly what paging the whole tree gives, for each sort', async () => {
    // 120 threads, some answered two levels deep, some votes, a deleted root with and without answers,
    // and a published answer under a held reply (it starts a thread of its own).
    for (let i = 0; i < 120; i++) {
      const root = await add(null, 1);
      if (i % 3 === 0) {
        const child = await add(root.id, 2);
        if (i % 6 === 0) await add(child.id, 3);
      }
      if (i % 7 === 0) await repo.voteHelpful(db, root.id, `voter-${String(i)}`, clock);
      if (i === 9) await repo.deleteReply(db, root.id, clock);
      if (i === 10) await repo.deleteReply(db, root.id, clock);
    }
    const held = await add(null, 1, 'held');
    await add(held.id, 2);
    const everything = await repo.listReplies(db, LETTER);
    for (const sort of ['oldest', 'newest', 'helpful'] as ReplySort[]) {
      const whole = buildReplyTree(
        everything.map((r) => toPublicReply(r)),
        sort,
      );
      const pages = Math.ceil(whole.length / THREADS_PER_PAGE);
      expect(pages).toBe(3);
      for (let page = 1; page <= pages; page++) {
        const { page: got } = await readPublicPage(db, LETTER, sort, page);
        expect(got.replies.map((r) => r.id)).toEqual(flat(pageOfThreads(whole, page, THREADS_PER_PAGE)));
        expect(got.pageCount).toBe(pages);
        expect(got.total).toBe(everything.filter((r) => r.deleted_at === null).length);
      }
    }
  });

  it('moves the version on every change a reader could see, so no stale page is served', async () => {
    const v0 = await threadVersion(db, LETTER);
    const first = await add(null, 1);
    const v1 = await threadVersion(db, LETTER);
    expect(v1).toBeGreaterThan(v0);
    expect((await readPublicPage(db, LETTER, 'oldest', 1)).page.replies).toHaveLength(1);

    const second = await add(null, 1, 'held');
    expect((await readPublicPage(db, LETTER, 'oldest', 1)).page.replies).toHaveLength(1);
    await repo.setReplyStatus(db, second.id, 'published');
    expect((await readPublicPage(db, LETTER, 'oldest', 1)).page.replies).toHaveLength(2);

    await repo.updateReplyBody(db, first.id, 'corrected text');
    expect((await readPublicPage(db, LETTER, 'oldest', 1)).page.replies[0]?.bodyHtml).toContain('corrected text');

    await repo.voteHelpful(db, second.id, 'voter-a', clock);
    expect((await readPublicPage(db, LETTER, 'helpful', 1)).page.replies[0]?.id).toBe(second.id);

    await repo.updateReplyBody(db, second.id, 'now with too many links', clock, { holdIfPublished: 'links' });
    expect((await readPublicPage(db, LETTER, 'oldest', 1)).page.replies.map((r) => r.id)).toEqual([first.id]);

    await repo.deleteReply(db, first.id);
    expect((await readPublicPage(db, LETTER, 'oldest', 1)).page.replies).toHaveLength(0);
    expect(await threadVersion(db, 'another-letter')).toBe(0);
  });
});
