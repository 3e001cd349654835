import { afterAll, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../src/server/db';
import { submitQuestion } from '../../../src/server/questions/submit';
import { issueAuthorKey } from '../../../src/server/replies/author-key';
import * as repo from '../../../src/server/replies/repository';
import { createReply, ReplyError, type CreateInput, type RequestFacts } from '../../../src/server/replies/service';
import { issueFormStamp, MAX_FILL_MS, spendFormStamp } from '../../../src/server/spam';
import { describeEachDb } from '../db-harness';

const LETTER = 'rain-spots';
const T0 = 1_800_000_000_000;

describeEachDb('who is a known replier, and form stamps', (target) => {
  let db: Db;
  let n = 0;

  afterAll(() => target.cleanup());
  beforeEach(async () => {
    db = await target.open();
  });

  const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({
    clientKey: '203.0.113.7',
    now: T0,
    policy: 'hold-first',
    blockedWords: [],
    letterExists: (id) => Promise.resolve(id === LETTER),
    ...over,
  });
  const form = (over: Partial<CreateInput> = {}): CreateInput => ({
    letterId: LETTER,
    name: 'Alice',
    notify: false,
    body: `Reply number ${String(++n)}`,
    stamp: issueFormStamp(T0 - 5_000),
    ...over,
  });
  const statusOf = async (id: number) => (await repo.getReply(db, id))?.status;

  it('hold-first trusts the author key of an approved reply, never a typed email address or name', async () => {
    const alice = await createReply(db, form({ email: 'alice@example.com' }), facts());
    expect(alice.reply.held).toBe(true);
    await repo.setReplyStatus(db, alice.reply.id, 'published', T0);

    // The attack: a stranger types the approved replier's address (and name), as typed and in another case.
    const sameEmail = await createReply(
      db,
      form({ email: 'alice@example.com', body: 'Great deals at https://scam.example' }),
      facts({ clientKey: '198.51.100.66' }),
    );
    expect(await statusOf(sameEmail.reply.id)).toBe('held');
    const otherCase = await createReply(
      db,
      form({ email: ' ALICE@Example.COM ', body: 'Cheap bags at https://scam.example' }),
      facts({ clientKey: '198.51.100.66' }),
    );
    expect(await statusOf(otherCase.reply.id)).toBe('held');
    // A made-up key, or a key taken apart and re-signed by nobody, proves nothing either.
    const [, sig] = alice.authorKey.split('.');
    const forged = await createReply(
      db,
      form({ authorKey: `${'A'.repeat(24)}.${sig ?? ''}`, email: 'alice@example.com' }),
      facts({ clientKey: '198.51.100.66' }),
    );
    expect(await statusOf(forged.reply.id)).toBe('held');
    expect(forged.authorKey).not.toBe(alice.authorKey);
    // Alice herself in a different browser (no key) waits for a moderator too: nothing proves it is her.
    const otherBrowser = await createReply(db, form({ email: 'alice@example.com' }), facts());
    expect(await statusOf(otherBrowser.reply.id)).toBe('held');

    // Her own browser, showing the key, goes straight through, under any name and without an email.
    const ownBrowser = await createReply(db, form({ authorKey: alice.authorKey, name: 'A. Reader' }), facts());
    expect(ownBrowser.reply.held).toBe(false);
    expect(ownBrowser.authorKey).toBe(alice.authorKey);
    expect(await statusOf(ownBrowser.reply.id)).toBe('published');
  });

  it('a key whose replies were never approved stays unknown', async () => {
    const first = await createReply(db, form(), facts());
    const second = await createReply(db, form({ authorKey: first.authorKey }), facts());
    expect(second.reply.held).toBe(true);
    await repo.setReplyStatus(db, first.reply.id, 'rejected', T0);
    const third = await createReply(db, form({ authorKey: issueAuthorKey() }), facts());
    expect(third.reply.held).toBe(true);
  });

  it('says when an address still has to be confirmed for notifications', async () => {
    const asked = await createReply(db, form({ email: 'n@example.com', notify: true }), facts());
    expect(asked.confirmationNeeded).toBe(true);
    const notAsked = await createReply(db, form({ email: 'n@example.com', notify: false }), facts());
    expect(notAsked.confirmationNeeded).toBe(false);
  });

  it('a form stamp posts once; a refused post does not use it up', async () => {
    const stamp = issueFormStamp(T0 - 5_000);
    // Refused for another reason (missing parent): the same stamp still works afterwards.
    await expect(createReply(db, form({ stamp, parentId: 999_999 }), facts())).rejects.toBeInstanceOf(ReplyError);
    await createReply(db, form({ stamp }), facts({ policy: 'publish' }));
    // The replay, from the same or another address, with new text.
    for (const clientKey of ['203.0.113.7', '198.51.100.20']) {
      const err = await createReply(db, form({ stamp }), facts({ clientKey, policy: 'publish' })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ReplyError);
      expect(err).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
      expect((err as ReplyError).message).toContain('already sent');
    }
    expect(await repo.countRepliesByStatus(db)).toMatchObject({ published: 1 });
  });

  it('a question form stamp posts once too', async () => {
    const stamp = issueFormStamp(T0 - 10_000);
    const question = (body: string) => ({
      pseudonym: 'Asker',
      topic: 'first-bag',
      body,
      consent: true,
      clientKey: '192.0.2.10',
    });
    expect((await submitQuestion(db, question('Which bag first?'), { stamp }, T0)).ok).toBe(true);
    expect(await submitQuestion(db, question('Another question entirely?'), { stamp }, T0)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('forgets used stamps once they would be stale anyway', async () => {
    const old = issueFormStamp(T0);
    expect(await spendFormStamp(db, old, T0 + 5_000)).toBe(true);
    expect(await spendFormStamp(db, old, T0 + 6_000)).toBe(false);
    const later = T0 + MAX_FILL_MS + 10_000;
    expect(await spendFormStamp(db, issueFormStamp(later - 5_000), later)).toBe(true);
    const left = await db.all<{ nonce: string }>('SELECT nonce FROM used_form_stamps');
    expect(left).toHaveLength(1);
    expect(await spendFormStamp(db, 'not.a.stamp', T0)).toBe(false);
  });

  it('drops stale stamp records at most once a minute, not in every post', async () => {
    const later = T0 + MAX_FILL_MS + 10_000;
    expect(await spendFormStamp(db, issueFormStamp(later - 5_000), later)).toBe(true);
    await db.run('INSERT INTO used_form_stamps (nonce, issued_at) VALUES (?, ?)', ['stale-nonce-000', T0]);
    expect(await spendFormStamp(db, issueFormStamp(later - 4_000), later + 30_000)).toBe(true);
    expect(await db.all('SELECT nonce FROM used_form_stamps')).toHaveLength(3);
    expect(await spendFormStamp(db, issueFormStamp(later - 3_000), later + 60_000)).toBe(true);
    expect(await db.all('SELECT nonce FROM used_form_stamps')).toHaveLength(3);
    expect(await db.all('SELECT nonce FROM used_form_stamps WHERE nonce = ?', ['stale-nonce-000'])).toEqual([]);
  });
});
