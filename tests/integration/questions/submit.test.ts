import { afterAll, expect, it } from 'vitest';
import { countQuestionsByState, countSuspectedSpamQuestions } from '../../../src/server/desk/counts';
import { queueEditorDigest } from '../../../src/server/notify/queue';
import {
  getQuestionByToken,
  listQuestionEvents,
  listQuestions,
  setQuestionState,
} from '../../../src/server/questions/repository';
import { QUESTION_RATE_RULE, submitQuestion, TOO_FAST_REASON } from '../../../src/server/questions/submit';
import { issueFormStamp } from '../../../src/server/spam';
import { describeEachDb } from '../db-harness';

const NOW = 1_800_000_000_000;
const body = (seed: string) =>
  `${seed}: my associate offered me a bag in a colour I never asked for, and I am unsure whether saying no will cost me future offers at the boutique where I have shopped for years.`;

function question(seed: string, clientKey = '192.0.2.10') {
  return { pseudonym: 'Polite but Puzzled', topic: 'store-relationships', body: body(seed), consent: true, clientKey };
}
const shownAt = (msBefore: number) => ({ stamp: issueFormStamp(NOW - msBefore), honeypot: '' });

describeEachDb('submitting a question', (target) => {
  afterAll(() => target.cleanup());

  it('stores it and hands back a working private token', async () => {
    const db = await target.open();
    const out = await submitQuestion(db, question('one'), shownAt(10_000), NOW);
    if (!out.ok) throw new Error(`expected success, got ${out.reason}`);
    const found = await getQuestionByToken(db, out.token);
    expect(found).toMatchObject({ id: out.question.id, state: 'received', body: body('one'), createdAt: NOW });
    expect(await listQuestionEvents(db, out.question.id)).toHaveLength(1);
  });

  it('refuses the same text twice from one address, keeping the first', async () => {
    const db = await target.open();
    expect((await submitQuestion(db, question('dup'), shownAt(10_000), NOW)).ok).toBe(true);
    const again = await submitQuestion(db, question('dup'), shownAt(5_000), NOW + 1_000);
    expect(again).toEqual({ ok: false, reason: 'duplicate' });
    expect((await submitQuestion(db, question('dup', '192.0.2.99'), shownAt(10_000), NOW)).ok).toBe(true);
    expect(await listQuestions(db, { limit: 10, offset: 0 })).toHaveLength(2);
  });

  it('stops one address after its hourly budget without touching others', async () => {
    const db = await target.open();
    for (let i = 0; i < QUESTION_RATE_RULE.limit; i++) {
      expect((await submitQuestion(db, question(`q${String(i)}`), shownAt(10_000), NOW)).ok).toBe(true);
    }
    const refused = await submitQuestion(db, question('one too many'), shownAt(10_000), NOW);
    expect(refused).toMatchObject({ ok: false, reason: 'rate-limited' });
    if (refused.ok || refused.reason !== 'rate-limited') throw new Error('expected a rate-limit refusal');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect((await submitQuestion(db, question('someone else', '192.0.2.50'), shownAt(10_000), NOW)).ok).toBe(true);
    const later = NOW + QUESTION_RATE_RULE.windowMs;
    expect((await submitQuestion(db, question('next hour'), { stamp: issueFormStamp(later - 10_000) }, later)).ok).toBe(
      true,
    );
    expect(await listQuestions(db, { limit: 20, offset: 0 })).toHaveLength(QUESTION_RATE_RULE.limit + 2);
  });

  it('turns away bots: a filled honeypot and forged or stale stamps store nothing', async () => {
    const db = await target.open();
    const q = question('bot');
    expect(await submitQuestion(db, q, { ...shownAt(10_000), honeypot: 'http://spam.example' }, NOW)).toEqual({
      ok: false,
      reason: 'honeypot',
    });
    expect(await submitQuestion(db, q, shownAt(25 * 60 * 60 * 1000), NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(await submitQuestion(db, q, { stamp: `${String(NOW - 10_000)}.forged` }, NOW)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await submitQuestion(db, q, {}, NOW)).toEqual({ ok: false, reason: 'expired' });
    expect(await listQuestions(db, { limit: 10, offset: 0 })).toEqual([]);
  });

  it('keeps a too-fast question as suspected spam: stored, out of the inbox and the digest, restorable', async () => {
    const db = await target.open();
    const out = await submitQuestion(db, question('quick'), shownAt(500), NOW);
    if (!out.ok) throw new Error(`expected the question to be kept, got ${out.reason}`);
    // The sender's link works and their text is intact: nothing they were told was sent is lost.
    expect(await getQuestionByToken(db, out.token)).toMatchObject({
      body: body('quick'),
      state: 'received',
      spamReason: TOO_FAST_REASON,
    });
    expect((await listQuestionEvents(db, out.question.id))[0]?.note).toBe(`suspected spam: ${TOO_FAST_REASON}`);
    const normal = await submitQuestion(db, question('patient'), shownAt(10_000), NOW);
    if (!normal.ok) throw new Error('expected an ordinary question to be stored');
    expect(normal.question.spamReason).toBeNull();
    const inbox = await listQuestions(db, { limit: 10, offset: 0 });
    expect(inbox.map((q) => q.id)).toEqual([normal.question.id]);
    expect((await listQuestions(db, { state: 'received', limit: 10, offset: 0 })).map((q) => q.id)).toEqual([
      normal.question.id,
    ]);
    const suspected = await listQuestions(db, { suspectedSpam: true, limit: 10, offset: 0 });
    expect(suspected.map((q) => q.id)).toEqual([out.question.id]);
    expect(await countQuestionsByState(db)).toMatchObject({ received: 1 });
    expect(await countSuspectedSpamQuestions(db)).toBe(1);
    // The editors' digest announces the ordinary question only.
    await db.run(
      "INSERT INTO editors (email, display_name, password_hash, created_at, updated_at) VALUES (?, 'Ed', 'x', ?, ?)",
      ['ed@example.com', NOW, NOW],
    );
    expect(await queueEditorDigest(db, 'https://pursebop.example', NOW)).toBe(1);
    const mail = await db.get<{ body_text: string }>('SELECT body_text FROM outbox');
    expect(mail?.body_text).toContain(`#${String(normal.question.id)} `);
    expect(mail?.body_text).not.toContain(`#${String(out.question.id)} `);
    // An editor's move restores it to the inbox.
    await setQuestionState(db, out.question.id, { state: 'received', by: 'Ed' }, NOW + 1);
    expect(await countSuspectedSpamQuestions(db)).toBe(0);
    expect(await listQuestions(db, { limit: 10, offset: 0 })).toHaveLength(2);
  });

  it('holds a too-fast question to the same budget and duplicate check as any other', async () => {
    const db = await target.open();
    expect((await submitQuestion(db, question('again'), shownAt(500), NOW)).ok).toBe(true);
    expect(await submitQuestion(db, question('again'), shownAt(500), NOW)).toEqual({ ok: false, reason: 'duplicate' });
    // Two posts (the first and its duplicate) have spent two of the budget.
    for (let i = 2; i < QUESTION_RATE_RULE.limit; i++) {
      expect((await submitQuestion(db, question(`fast ${String(i)}`), shownAt(100), NOW)).ok).toBe(true);
    }
    expect(await submitQuestion(db, question('fast over'), shownAt(100), NOW)).toMatchObject({
      ok: false,
      reason: 'rate-limited',
    });
  });
});
