import { afterAll, beforeEach, expect, it } from 'vitest';
import { createReplyInput, editReplyInput } from '../../../src/schemas/reply';
import type { Db } from '../../../src/server/db';
import type { ModerationPolicy } from '../../../src/server/replies/policy';
import * as repo from '../../../src/server/replies/repository';
import {
  createReply,
  deleteOwnReply,
  editReply,
  listForReader,
  ReplyError,
  voteForReply,
  type CreateInput,
  type RequestFacts,
} from '../../../src/server/replies/service';
import { issueFormStamp } from '../../../src/server/spam';
import { describeEachDb } from '../db-harness';

const LETTER = 'rain-spots';
const OTHER_LETTER = 'first-bag-budget';
const T0 = 1_800_000_000_000;

describeEachDb('replies service', (target) => {
  let db: Db;
  let clock = T0;

  afterAll(() => target.cleanup());
  beforeEach(async () => {
    db = await target.open();
    clock = T0;
  });

  const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({
    clientKey: '203.0.113.7',
    now: clock,
    policy: 'publish',
    blockedWords: ['replica'],
    letterExists: (id) => Promise.resolve(id === LETTER || id === OTHER_LETTER),
    ...over,
  });

  let bodyCounter = 0;
  /** A valid form from a reader who took five seconds to write. */
  const form = (over: Partial<CreateInput> = {}): CreateInput => ({
    letterId: LETTER,
    name: 'Second Guesser',
    notify: false,
    body: `Reply number ${String(++bodyCounter)}`,
    stamp: issueFormStamp(clock - 5_000),
    ...over,
  });

  const refusal = async (work: Promise<unknown>): Promise<ReplyError> => {
    const err = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ReplyError);
    return err as ReplyError;
  };

  it('creates a published reply with sanitized HTML, a token and a fresh stamp', async () => {
    const created = await createReply(db, form({ body: 'Try *this* <script>alert(1)</script>' }), facts());
    expect(created.reply).toMatchObject({ depth: 1, parentId: null, held: false, authorName: 'Second Guesser' });
    expect(created.reply.bodyHtml).toBe('<p>Try <em>this</em> &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(created.token).toMatch(new RegExp(`^${String(created.reply.id)}\\.`));
    const row = await repo.getReply(db, created.reply.id);
    expect(row).toMatchObject({ status: 'published', letter_id: LETTER, client_key: '203.0.113.7', is_columnist: 0 });
  });

  it('waits for the disk once per reply: only its last write is durable', async () => {
    // Every durable write is a group commit the reader waits for; a reply used to wait for four.
    const writes: { sql: string; durable: boolean }[] = [];
    const isWrite = (sql: string) => /^\s*(?:insert|update|delete)\b/i.test(sql);
    const watched: Db = {
      ...db,
      dialect: db.dialect,
      get: (sql, params, options) => {
        if (isWrite(sql)) writes.push({ sql, durable: options?.durable !== false });
        return db.get(sql, params, options);
      },
      run: (sql, params, options) => {
        if (isWrite(sql)) writes.push({ sql, durable: options?.durable !== false });
        return db.run(sql, params, options);
      },
      all: (sql, params, options) => {
        if (isWrite(sql)) writes.push({ sql, durable: options?.durable !== false });
        return db.all(sql, params, options);
      },
    };
    const created = await createReply(watched, form(), facts());
    expect(writes.filter((w) => w.durable)).toHaveLength(1);
    expect(writes.at(-1)?.durable).toBe(true);
    expect(writes.some((w) => w.sql.includes('INSERT INTO replies'))).toBe(true);
    expect(writes.some((w) => w.sql.includes('INSERT INTO used_form_stamps'))).toBe(true);
    expect((await repo.getReply(db, created.reply.id))?.body_markdown).toMatch(/^Reply number/);
  });

  it('refuses an unknown letter with NOT_FOUND', async () => {
    const err = await refusal(createReply(db, form({ letterId: 'no-such-letter' }), facts()));
    expect(err.code).toBe('NOT_FOUND');
    expect(
      (await refusal(listForReader(db, { letterId: 'nope', sort: 'oldest', page: 1, tokens: [] }, facts()))).code,
    ).toBe('NOT_FOUND');
  });

  it('refuses a missing parent and a parent from another letter with BAD_REQUEST', async () => {
    expect((await refusal(createReply(db, form({ parentId: 999_999 }), facts()))).code).toBe('BAD_REQUEST');
    const elsewhere = await createReply(db, form({ letterId: OTHER_LETTER }), facts());
    const err = await refusal(createReply(db, form({ parentId: elsewhere.reply.id }), facts()));
    expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'parentId' });
    expect(err.message).toContain('another letter');
    expect(await repo.countRepliesByStatus(db)).toMatchObject({ published: 1 });
  });

  it('nests to four levels; a reply to the fourth level attaches beside it', async () => {
    let parent: number | undefined;
    const depths: number[] = [];
    let third = 0;
    for (let level = 1; level <= 4; level++) {
      const r = await createReply(db, form({ parentId: parent }), facts());
      depths.push(r.reply.depth);
      if (level === 3) third = r.reply.id;
      parent = r.reply.id;
    }
    expect(depths).toEqual([1, 2, 3, 4]);
    const fifth = await createReply(db, form({ parentId: parent }), facts());
    expect(fifth.reply).toMatchObject({ depth: 4, parentId: third });
  });

  it('validates name 1–60 and body 1–5000 characters at the boundary', () => {
    const ok = { letterId: LETTER, stamp: 's', body: 'b', name: 'n' };
    expect(createReplyInput.safeParse({ ...ok, name: 'n'.repeat(60) }).success).toBe(true);
    expect(createReplyInput.safeParse({ ...ok, name: 'n'.repeat(61) }).success).toBe(false);
    expect(createReplyInput.safeParse({ ...ok, name: '   ' }).success).toBe(false);
    expect(createReplyInput.safeParse({ ...ok, body: 'b'.repeat(5000) }).success).toBe(true);
    expect(createReplyInput.safeParse({ ...ok, body: 'b'.repeat(5001) }).success).toBe(false);
    expect(createReplyInput.safeParse({ ...ok, body: '' }).success).toBe(false);
    expect(createReplyInput.safeParse({ ...ok, email: 'not-an-email' }).success).toBe(false);
    expect(editReplyInput.safeParse({ id: 1, token: 't', body: 'b'.repeat(5001) }).success).toBe(false);
  });

  it('stores a 5000-character body and a 60-character name', async () => {
    const created = await createReply(db, form({ name: 'n'.repeat(60), body: 'b'.repeat(5000) }), facts());
    const row = await repo.getReply(db, created.reply.id);
    expect(row?.body_markdown).toHaveLength(5000);
    expect(row?.author_name).toHaveLength(60);
  });

  it.each<[ModerationPolicy, string, string]>([
    ['publish', 'published', 'published'],
    ['hold-first', 'held', 'published'],
    ['hold-all', 'held', 'held'],
  ])('policy %s: first reply %s, after approval the next is %s', async (policy, first, second) => {
    const a = await createReply(db, form({ email: 'reader@example.com' }), facts({ policy }));
    expect((await repo.getReply(db, a.reply.id))?.status).toBe(first);
    expect(await repo.setReplyStatus(db, a.reply.id, 'published', clock)).toBe(true);
    // The browser shows the author key it was given with the first reply.
    const b = await createReply(db, form({ authorKey: a.authorKey }), facts({ policy }));
    expect((await repo.getReply(db, b.reply.id))?.status).toBe(second);
  });

  it('holds more than two links and blocked words whatever the policy', async () => {
    const links = await createReply(
      db,
      form({ body: 'https://a.example https://b.example https://c.example' }),
      facts(),
    );
    expect(await repo.getReply(db, links.reply.id)).toMatchObject({ status: 'held', hold_reason: '3 links' });
    const two = await createReply(db, form({ body: 'https://a.example and https://b.example' }), facts());
    expect((await repo.getReply(db, two.reply.id))?.status).toBe('published');
    const word = await createReply(db, form({ body: 'Buy a REPLICA here' }), facts());
    expect(await repo.getReply(db, word.reply.id)).toMatchObject({
      status: 'held',
      hold_reason: 'blocked word: replica',
    });
  });

  it('refuses the honeypot and a forged stamp, storing nothing', async () => {
    expect((await refusal(createReply(db, form({ website: 'http://spam.example' }), facts()))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await refusal(createReply(db, form({ stamp: `${String(clock)}.forged` }), facts()))).message).toContain(
      'expired',
    );
    expect(await repo.countRepliesByStatus(db)).toEqual({ held: 0, published: 0, rejected: 0, spam: 0 });
  });

  it('keeps a too-fast reply as spam: never shown to readers, shown to its author as held, restorable', async () => {
    const fast = await createReply(
      db,
      form({ body: 'Quick but human', stamp: issueFormStamp(clock - 2_999) }),
      facts(),
    );
    expect(fast.reply).toMatchObject({ held: true, bodyMarkdown: 'Quick but human' });
    expect(await repo.getReply(db, fast.reply.id)).toMatchObject({
      status: 'spam',
      hold_reason: 'posted faster than a person types',
      body_markdown: 'Quick but human',
    });
    const anyone = await listForReader(db, { letterId: LETTER, sort: 'oldest', page: 1, tokens: [] }, facts());
    expect(anyone.replies).toEqual([]);
    const author = await listForReader(
      db,
      { letterId: LETTER, sort: 'oldest', page: 1, tokens: [fast.token] },
      facts(),
    );
    expect(author.replies.map((r) => [r.id, r.held])).toEqual([[fast.reply.id, true]]);
    // A moderator who approves it publishes it like any held reply.
    await repo.setReplyStatus(db, fast.reply.id, 'published', clock);
    const after = await listForReader(db, { letterId: LETTER, sort: 'oldest', page: 1, tokens: [] }, facts());
    expect(after.replies.map((r) => r.id)).toEqual([fast.reply.id]);
  });

  it('refuses the same body from the same address within 10 minutes, not from another address or later', async () => {
    await createReply(db, form({ body: 'Same  words' }), facts());
    const dup = await refusal(createReply(db, form({ body: 'same words' }), facts()));
    expect(dup).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    await createReply(db, form({ body: 'Same words' }), facts({ clientKey: '198.51.100.1' }));
    clock += 10 * 60 * 1000 + 1;
    await createReply(db, form({ body: 'Same words' }), facts());
  });

  it('answers TOO_MANY_REQUESTS past the per-address budget while others keep posting', async () => {
    for (let i = 0; i < 10; i++) await createReply(db, form(), facts());
    const err = await refusal(createReply(db, form(), facts()));
    expect(err.code).toBe('TOO_MANY_REQUESTS');
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    await createReply(db, form(), facts({ clientKey: '198.51.100.2' }));
  });

  it('lists the public thread; held replies only for their author', async () => {
    const pub = await createReply(db, form({ body: 'visible' }), facts());
    const held = await createReply(db, form({ body: 'pending', name: 'Newcomer' }), facts({ policy: 'hold-first' }));
    const child = await createReply(db, form({ parentId: pub.reply.id, body: 'child' }), facts());
    const anyone = await listForReader(db, { letterId: LETTER, sort: 'oldest', page: 1, tokens: [] }, facts());
    expect(anyone.replies.map((r) => r.id)).toEqual([pub.reply.id, child.reply.id]);
    expect(anyone.total).toBe(2);
    expect(anyone.stamp).toMatch(/^\d+\./);
    expect(JSON.stringify(anyone)).not.toContain('203.0.113.7');
    expect(anyone.replies[0]?.bodyMarkdown).toBeUndefined();
    const author = await listForReader(
      db,
      { letterId: LETTER, sort: 'oldest', page: 1, tokens: [held.token, 'forged.1.xxxxxxxxxxxxxxxxxxxxxxxx'] },
      facts(),
    );
    expect(author.replies.find((r) => r.id === held.reply.id)).toMatchObject({ held: true, bodyMarkdown: 'pending' });
    expect(author.total).toBe(3);
  });

  it('sorts by newest and by most helpful', async () => {
    const a = await createReply(db, form(), facts());
    clock += 1000;
    const b = await createReply(db, form(), facts());
    await voteForReply(db, { id: a.reply.id, voterId: 'voter-aaaaaaaaaaaaaaaa' }, facts());
    const list = (sort: 'newest' | 'helpful') =>
      listForReader(db, { letterId: LETTER, sort, page: 1, tokens: [] }, facts()).then((p) =>
        p.replies.map((r) => r.id),
      );
    expect(await list('newest')).toEqual([b.reply.id, a.reply.id]);
    expect(await list('helpful')).toEqual([a.reply.id, b.reply.id]);
  });

  it('marks a reply edited only when its author changes the text, not when it is approved or held', async () => {
    const created = await createReply(db, form(), facts({ policy: 'hold-all' }));
    clock += 60_000;
    await repo.setReplyStatus(db, created.reply.id, 'published', clock);
    const listed = async () =>
      (await listForReader(db, { letterId: LETTER, sort: 'oldest', page: 1, tokens: [] }, facts())).replies[0];
    expect((await listed())?.edited).toBe(false);
    await repo.updateReplyBody(db, created.reply.id, 'A moderator trimmed this.', clock);
    expect((await listed())?.edited).toBe(false);
    clock += 60_000;
    await editReply(db, { id: created.reply.id, token: created.token, body: 'The author fixed a typo.' }, facts());
    expect((await listed())?.edited).toBe(true);
  });

  it('lets the author edit within 15 minutes (re-sanitized), not after, and never others', async () => {
    const created = await createReply(db, form(), facts());
    const id = created.reply.id;
    clock += 14 * 60 * 1000;
    const edited = await editReply(
      db,
      { id, token: created.token, body: '<img src=x onerror=alert(1)> *fixed*' },
      facts(),
    );
    expect(edited.bodyHtml).toBe('<p>&lt;img src=x onerror=alert(1)&gt; <em>fixed</em></p>');
    expect(edited.edited).toBe(true);
    const other = await createReply(db, form(), facts());
    expect((await refusal(editReply(db, { id, token: other.token, body: 'hijack' }, facts()))).code).toBe('FORBIDDEN');
    clock = T0 + 15 * 60 * 1000 + 1;
    const late = await refusal(editReply(db, { id, token: created.token, body: 'too late' }, facts()));
    expect(late.code).toBe('FORBIDDEN');
    expect((await repo.getReply(db, id))?.body_markdown).toBe('<img src=x onerror=alert(1)> *fixed*');
  });

  it('holds a published reply again when an edit adds links', async () => {
    const created = await createReply(db, form(), facts());
    await editReply(
      db,
      { id: created.reply.id, token: created.token, body: 'a.example https://1.ex https://2.ex https://3.ex' },
      facts(),
    );
    expect((await repo.getReply(db, created.reply.id))?.status).toBe('held');
  });

  it('lets the author delete within the window; a deleted parent stays as a placeholder', async () => {
    const parent = await createReply(db, form(), facts());
    await createReply(db, form({ parentId: parent.reply.id }), facts({ clientKey: '198.51.100.3' }));
    await deleteOwnReply(db, { id: parent.reply.id, token: parent.token }, facts());
    const page = await listForReader(db, { letterId: LETTER, sort: 'oldest', page: 1, tokens: [] }, facts());
    expect(page.replies[0]).toMatchObject({ id: parent.reply.id, deleted: true, bodyHtml: '', authorName: '' });
    expect(page.total).toBe(1);
    expect((await refusal(deleteOwnReply(db, { id: parent.reply.id, token: parent.token }, facts()))).code).toBe(
      'NOT_FOUND',
    );
    const late = await createReply(db, form(), facts());
    clock += 16 * 60 * 1000;
    expect((await refusal(deleteOwnReply(db, { id: late.reply.id, token: late.token }, facts()))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('counts one helpful vote per reply per client address, whatever voter id the client claims', async () => {
    const created = await createReply(db, form(), facts());
    const id = created.reply.id;
    expect(await voteForReply(db, { id, voterId: 'voter-aaaaaaaaaaaaaaaa' }, facts())).toEqual({
      counted: true,
      helpfulCount: 1,
    });
    // The stuffing attack: twenty more votes from the same address, each with a new voter id.
    for (let i = 0; i < 20; i++) {
      const voterId = `stuffer-${String(i).padStart(12, '0')}`;
      expect(await voteForReply(db, { id, voterId }, facts())).toEqual({ counted: false, helpfulCount: 1 });
    }
    expect(await voteForReply(db, { id }, facts())).toEqual({ counted: false, helpfulCount: 1 });
    const otherAddress = await voteForReply(
      db,
      { id, voterId: 'voter-aaaaaaaaaaaaaaaa' },
      facts({ clientKey: '198.51.100.9' }),
    );
    expect(otherAddress).toEqual({ counted: true, helpfulCount: 2 });
    // One IPv6 subscriber holds a whole /64: its addresses share a vote.
    expect((await voteForReply(db, { id }, facts({ clientKey: '2001:db8:1:2::1' }))).counted).toBe(true);
    expect((await voteForReply(db, { id }, facts({ clientKey: '2001:db8:1:2:ffff::9' }))).counted).toBe(false);
    expect((await voteForReply(db, { id }, facts({ clientKey: '2001:db8:1:3::1' }))).helpfulCount).toBe(4);
    // Only a keyed hash of the address is stored.
    const keys = await db.all<{ voter_key: string }>('SELECT voter_key FROM reply_votes WHERE reply_id = ?', [id]);
    expect(keys).toHaveLength(4);
    expect(JSON.stringify(keys)).not.toMatch(/203\.0\.113|198\.51|2001:db8/);
    const held = await createReply(db, form(), facts({ policy: 'hold-all' }));
    expect(
      (await refusal(voteForReply(db, { id: held.reply.id, voterId: 'voter-aaaaaaaaaaaaaaaa' }, facts()))).code,
    ).toBe('NOT_FOUND');
  });
});

describeEachDb('replies repository for the desk', (target) => {
  afterAll(() => target.cleanup());

  const base = {
    letterId: LETTER,
    parentId: null,
    depth: 1,
    authorName: 'A',
    authorEmail: 'a@example.com',
    notifyReplies: true,
    isColumnist: false,
    clientKey: 'k',
    replierKey: 'rk',
    holdReason: null,
  };

  it('lists for moderation newest first with filters, counts by status, and re-renders edits', async () => {
    const db = await target.open();
    const held1 = await repo.insertReply(db, { ...base, bodyMarkdown: 'one', status: 'held', now: T0 });
    const held2 = await repo.insertReply(db, { ...base, bodyMarkdown: 'two', status: 'held', now: T0 + 1 });
    await repo.insertReply(db, {
      ...base,
      letterId: OTHER_LETTER,
      bodyMarkdown: 'three',
      status: 'published',
      now: T0 + 2,
    });
    const queue = await repo.listRepliesForModeration(db, { status: 'held', limit: 10, offset: 0 });
    expect(queue.map((r) => r.id)).toEqual([held2.id, held1.id]);
    expect(await repo.listRepliesForModeration(db, { letterId: OTHER_LETTER, limit: 10, offset: 0 })).toHaveLength(1);
    expect(await repo.listRepliesForModeration(db, { limit: 1, offset: 1 })).toHaveLength(1);
    expect(await repo.countRepliesByStatus(db)).toEqual({ held: 2, published: 1, rejected: 0, spam: 0 });
    const updated = await repo.updateReplyBody(db, held1.id, '[x](javascript:alert(1)) **ok**', T0 + 5);
    expect(updated?.body_html).toBe('<p>[x](javascript:alert(1)) <strong>ok</strong></p>');
    expect(await repo.setReplyStatus(db, 999_999, 'published')).toBe(false);
    expect(await repo.setReplyStatus(db, held2.id, 'spam')).toBe(true);
    expect(await repo.countRepliesByStatus(db)).toEqual({ held: 1, published: 1, rejected: 0, spam: 1 });
  });

  it('inserts columnist replies published and badged', async () => {
    const db = await target.open();
    const r = await repo.insertColumnistReply(db, {
      letterId: LETTER,
      parentId: null,
      depth: 1,
      authorName: 'PurseBop',
      bodyMarkdown: 'Thanks!',
    });
    expect(r).toMatchObject({ status: 'published', is_columnist: 1, author_email: null });
  });
});
