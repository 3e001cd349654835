import { afterAll, describe, expect, it } from 'vitest';
import {
  getQuestion,
  getQuestionByToken,
  insertQuestion,
  listQuestionEvents,
  listQuestions,
  QuestionStateError,
  setQuestionState,
  type NewQuestion,
} from '../../../src/server/questions/repository';
import { hashStatusToken } from '../../../src/server/questions/tokens';
import { describeEachDb } from '../db-harness';

const words = (n: number, seed = 'clasp') => Array.from({ length: n }, (_, i) => `${seed}${String(i)}`).join(' ');

function sample(over: Partial<NewQuestion> = {}): NewQuestion {
  return {
    pseudonym: 'Torn in Toronto',
    email: 'torn@example.com',
    topic: 'first-bag',
    body: words(40),
    consent: true,
    clientKey: '203.0.113.7',
    ...over,
  };
}

describeEachDb('questions repository', (target) => {
  afterAll(() => target.cleanup());

  it('stores a question as received, keeps only the token hash, and records who sent it', async () => {
    const db = await target.open();
    const out = await insertQuestion(db, sample(), 1_000);
    if (!out.ok) throw new Error('expected the insert to succeed');
    expect(out.question).toMatchObject({ state: 'received', consent: true, letterSlug: null, createdAt: 1_000 });
    const raw = await db.all<{ status_token_hash: string }>('SELECT status_token_hash FROM questions');
    expect(raw).toEqual([{ status_token_hash: hashStatusToken(out.token) }]);
    expect(JSON.stringify(raw)).not.toContain(out.token);
    expect(await listQuestionEvents(db, out.question.id)).toMatchObject([
      { state: 'received', by: 'visitor', at: 1_000 },
    ]);
    expect((await getQuestion(db, out.question.id))?.body).toBe(words(40));
    expect((await getQuestionByToken(db, out.token))?.id).toBe(out.question.id);
  });

  it('refuses the same text from the same sender but not from another', async () => {
    const db = await target.open();
    expect((await insertQuestion(db, sample())).ok).toBe(true);
    expect(await insertQuestion(db, sample({ body: `  ${words(40).toUpperCase()} ` }))).toEqual({
      ok: false,
      reason: 'duplicate',
    });
    expect((await insertQuestion(db, sample({ clientKey: '198.51.100.1' }))).ok).toBe(true);
    expect(await listQuestions(db, { limit: 10, offset: 0 })).toHaveLength(2);
  });

  it('lists newest first and filters by state, topic and text', async () => {
    const db = await target.open();
    const a = await insertQuestion(db, sample({ body: `${words(35)} Birkin_50%`, topic: 'first-bag' }), 1);
    const b = await insertQuestion(db, sample({ body: words(35, 'kelly'), topic: 'care-repair' }), 2);
    if (!a.ok || !b.ok) throw new Error('expected both inserts to succeed');
    await setQuestionState(db, a.question.id, { state: 'shortlisted', by: 'Ines' }, 3);
    expect((await listQuestions(db, { limit: 10, offset: 0 })).map((q) => q.id)).toEqual([
      b.question.id,
      a.question.id,
    ]);
    expect((await listQuestions(db, { state: 'shortlisted', limit: 10, offset: 0 })).map((q) => q.id)).toEqual([
      a.question.id,
    ]);
    expect((await listQuestions(db, { topic: 'care-repair', limit: 10, offset: 0 })).map((q) => q.id)).toEqual([
      b.question.id,
    ]);
    expect((await listQuestions(db, { search: 'birkin_50%', limit: 10, offset: 0 })).map((q) => q.id)).toEqual([
      a.question.id,
    ]);
    expect(await listQuestions(db, { search: '50%x', limit: 10, offset: 0 })).toEqual([]);
    expect((await listQuestions(db, { limit: 1, offset: 1 })).map((q) => q.id)).toEqual([a.question.id]);
  });

  it('writes the history on every state change and keeps the letter slug only while answered', async () => {
    const db = await target.open();
    const out = await insertQuestion(db, sample(), 10);
    if (!out.ok) throw new Error('expected the insert to succeed');
    const id = out.question.id;
    await expect(setQuestionState(db, id, { state: 'answered', by: 'script' })).rejects.toThrow(QuestionStateError);
    const answered = await setQuestionState(db, id, { state: 'answered', by: 'script', letterSlug: 'my-sa-left' }, 20);
    expect(answered).toMatchObject({ state: 'answered', letterSlug: 'my-sa-left', updatedAt: 20 });
    const declined = await setQuestionState(db, id, { state: 'declined', by: 'Ines', note: 'covered already' }, 30);
    expect(declined).toMatchObject({ state: 'declined', letterSlug: null });
    expect((await listQuestionEvents(db, id)).map((e) => [e.state, e.by, e.note])).toEqual([
      ['received', 'visitor', null],
      ['answered', 'script', null],
      ['declined', 'Ines', 'covered already'],
    ]);
    expect(await setQuestionState(db, 9999, { state: 'declined', by: 'Ines' })).toBeUndefined();
  });

  describe('status lookups', () => {
    it('finds a question by its token only', async () => {
      const db = await target.open();
      const out = await insertQuestion(db, sample());
      if (!out.ok) throw new Error('expected the insert to succeed');
      expect((await getQuestionByToken(db, out.token))?.pseudonym).toBe('Torn in Toronto');
      const flipped = (out.token.startsWith('A') ? 'B' : 'A') + out.token.slice(1);
      expect(await getQuestionByToken(db, flipped)).toBeUndefined();
      for (const bad of [
        '',
        'short',
        `${out.token}x`,
        out.token.replace(/.$/, '!'),
        "' OR 1=1 --",
        hashStatusToken(out.token),
      ]) {
        expect(await getQuestionByToken(db, bad)).toBeUndefined();
      }
    });
  });
});
