import { describe, expect, it } from 'vitest';
import type { PublicReply } from '../../../../src/lib/reply-tree';
import { afterPlainPost, plainListQuery, plainThreadView } from '../../../../src/server/replies/plain-page';
import { issueReplyToken } from '../../../../src/server/replies/tokens';

const NOW = 1_800_000_000_000;
const reply = (id: number, over: Partial<PublicReply> = {}): PublicReply => ({
  id,
  parentId: null,
  depth: 1,
  authorName: `Reader ${String(id)}`,
  bodyHtml: `<p>Reply ${String(id)}</p>`,
  isColumnist: false,
  helpfulCount: 0,
  createdAt: NOW - 60_000,
  edited: false,
  held: false,
  deleted: false,
  ...over,
});
const listing = (replies: PublicReply[]) => ({ replies, total: replies.length, page: 1, pageCount: 1, stamp: 's' });

describe('the no-JavaScript replies page', () => {
  it('sends a successful post back to the thread with its notice and the reply in view', () => {
    const base = '/letters/rain-spots/replies';
    expect(afterPlainPost(base, { created: { reply: { id: 7 }, confirmationNeeded: true } })).toBe(
      `${base}?posted=7&confirm=1#reply-7`,
    );
    expect(afterPlainPost(base, { edited: { id: 7 } })).toBe(`${base}?edited=7#reply-7`);
    expect(afterPlainPost(base, { deleted: { deleted: true } })).toBe(`${base}?deleted=1`);
    expect(afterPlainPost(base, {})).toBeUndefined();
  });

  it('reads an odd sort or page as the first page, oldest first', () => {
    expect(plainListQuery(new URLSearchParams('sort=helpful&page=3'))).toEqual({ sort: 'helpful', page: 3 });
    expect(plainListQuery(new URLSearchParams('sort=drop&page=1.5'))).toEqual({ sort: 'oldest', page: 1 });
    expect(plainListQuery(new URLSearchParams('page=10001'))).toEqual({ sort: 'oldest', page: 1 });
  });

  it('tells the author their reply is held, and offers Edit only on their own reply inside the window', () => {
    const own = reply(1, { held: true, bodyMarkdown: 'Mine' });
    const old = reply(2, { createdAt: NOW - 16 * 60_000 });
    const tokens = [issueReplyToken(1, own.createdAt), issueReplyToken(2, old.createdAt), 'forged.1.token'];
    const view = plainThreadView(
      listing([own, old, reply(3)]),
      { sort: 'oldest', tokens, params: new URLSearchParams('posted=1&edit=1') },
      NOW,
    );
    expect(view.outcome).toBe(
      'Thank you. Your reply is awaiting moderation; only you can see it until it is approved.',
    );
    expect(Object.keys(view.changeable)).toEqual(['1']);
    expect(view.editing?.id).toBe(1);
    expect(view.tree.map((n) => n.reply.id)).toEqual([2, 1, 3]);
  });

  it('tells a reader who asked for notifications to confirm their address', () => {
    const view = plainThreadView(
      listing([reply(1)]),
      { sort: 'oldest', tokens: [], params: new URLSearchParams('posted=1&confirm=1') },
      NOW,
    );
    expect(view.outcome).toBe(
      'Thank you. Your reply was posted. To get emails about replies, confirm your address with the link we will send you once your reply is published.',
    );
  });

  it('puts a refused reply back in the form, under the reply it answered', () => {
    const fields: Record<string, string> = {
      name: 'Ann',
      email: 'a@example.com',
      body: 'Typed',
      notify: 'true',
      parentId: '3',
    };
    const view = plainThreadView(
      listing([reply(3)]),
      { sort: 'oldest', tokens: [], params: new URLSearchParams('parent=9'), reposted: (n) => fields[n] ?? '' },
      NOW,
    );
    expect(view.values).toEqual({ name: 'Ann', email: 'a@example.com', body: 'Typed', notify: true });
    expect(view.parent?.id).toBe(3);
    expect(view.outcome).toBeUndefined();
  });
});
