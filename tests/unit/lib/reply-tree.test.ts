import { describe, expect, it, vi } from 'vitest';
import {
  buildReplyTree,
  countVisible,
  formatReplyTime,
  pageOfThreads,
  showingLabel,
  type PublicReply,
} from '../../../src/lib/reply-tree';

function reply(id: number, parentId: number | null, createdAt: number, extra: Partial<PublicReply> = {}): PublicReply {
  return {
    id,
    parentId,
    depth: 1,
    authorName: `r${String(id)}`,
    bodyHtml: '<p>x</p>',
    isColumnist: false,
    helpfulCount: 0,
    createdAt,
    edited: false,
    held: false,
    deleted: false,
    ...extra,
  };
}

const ids = (nodes: ReturnType<typeof buildReplyTree>) => nodes.map((n) => n.reply.id);

/**
 * A copy of the module loaded inside the test, so that its sort table is built there too: the
 * mutation run only sees code a test runs, and the table is made when the module loads.
 */
async function freshReplyTree() {
  vi.resetModules();
  return import('../../../src/lib/reply-tree');
}

describe('buildReplyTree', () => {
  const flat = [
    reply(1, null, 100, { helpfulCount: 1 }),
    reply(2, null, 200, { helpfulCount: 5 }),
    reply(3, 1, 300),
    reply(4, 1, 250, { helpfulCount: 2 }),
    reply(5, null, 400),
  ];

  it('nests by parent and orders every level', async () => {
    const { buildReplyTree } = await freshReplyTree();
    const oldest = buildReplyTree(flat, 'oldest');
    expect(ids(oldest)).toEqual([1, 2, 5]);
    expect(ids(oldest[0]?.children ?? [])).toEqual([4, 3]);
    expect(ids(buildReplyTree(flat, 'newest'))).toEqual([5, 2, 1]);
    const helpful = buildReplyTree(flat, 'helpful');
    expect(ids(helpful)).toEqual([2, 1, 5]);
    expect(ids(helpful[1]?.children ?? [])).toEqual([4, 3]);
  });

  it('orders replies posted in the same millisecond by their id, in every sort', async () => {
    const { buildReplyTree } = await freshReplyTree();
    const tied = [reply(11, null, 500), reply(10, null, 500), reply(12, null, 500)];
    expect(ids(buildReplyTree(tied, 'oldest'))).toEqual([10, 11, 12]);
    expect(ids(buildReplyTree(tied, 'newest'))).toEqual([12, 11, 10]);
    expect(ids(buildReplyTree(tied, 'helpful'))).toEqual([10, 11, 12]);
    // Equally helpful: the older first, whatever their ids.
    expect(ids(buildReplyTree([reply(1, null, 9), reply(2, null, 8)], 'helpful'))).toEqual([2, 1]);
  });

  it('keeps a deleted reply as a placeholder only while it has live replies', () => {
    const tree = buildReplyTree(
      [reply(1, null, 1, { deleted: true }), reply(2, 1, 2), reply(3, null, 3, { deleted: true })],
      'oldest',
    );
    expect(ids(tree)).toEqual([1]);
    expect(countVisible(tree)).toBe(1);
  });

  it('starts a thread for a reply whose parent is not shown', () => {
    expect(ids(buildReplyTree([reply(7, 99, 1)], 'oldest'))).toEqual([7]);
  });

  it('pages top-level threads', () => {
    const tree = buildReplyTree(flat, 'oldest');
    expect(ids(pageOfThreads(tree, 1, 2))).toEqual([1, 2]);
    expect(ids(pageOfThreads(tree, 2, 2))).toEqual([5]);
  });
});

describe('replySorts', () => {
  it('offers the three sorts in the order the replies page lists them', async () => {
    expect((await freshReplyTree()).replySorts).toEqual(['oldest', 'newest', 'helpful']);
  });
});

describe('showingLabel', () => {
  it('says reply or replies', () => {
    expect(showingLabel(1)).toBe('Showing 1 reply');
    expect(showingLabel(3)).toBe('Showing 3 replies');
    expect(showingLabel(0)).toBe('Showing 0 replies');
  });
});

describe('formatReplyTime', () => {
  it('prints the time in UTC and says so', () => {
    expect(formatReplyTime(Date.UTC(2026, 0, 2, 23, 30))).toBe('2 Jan 2026, 23:30 UTC');
  });
});
