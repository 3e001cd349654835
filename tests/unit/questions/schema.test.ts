import { describe, expect, it } from 'vitest';
import { QUESTION_LIMITS, questionSubmissionSchema } from '../../../src/schemas/question';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${String(i)}`).join(' ');
const valid = {
  pseudonym: 'Second Guesser',
  email: 'reader@example.com',
  topic: 'first-bag',
  body: words(40),
  consent: true,
};

function errorsFor(input: Record<string, unknown>): Record<string, string[]> {
  const r = questionSubmissionSchema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of r.error.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

describe('question submission schema', () => {
  it('accepts a complete, sensible question and trims it', () => {
    const r = questionSubmissionSchema.parse({
      ...valid,
      pseudonym: '  Second Guesser ',
      email: ' reader@example.com ',
    });
    expect(r.pseudonym).toBe('Second Guesser');
    expect(r.email).toBe('reader@example.com');
  });

  it.each([
    [1, false],
    [2, true],
    [60, true],
    [61, false],
  ])('pseudonym of %i characters → valid: %s', (length, ok) => {
    const e = errorsFor({ ...valid, pseudonym: 'x'.repeat(length) });
    expect(e.pseudonym === undefined).toBe(ok);
    if (!ok) expect(e.pseudonym?.[0]).toMatch(length < 2 ? /at least 2 characters/ : /60 characters or fewer/);
  });

  it('does not count surrounding spaces towards the pseudonym', () => {
    expect(errorsFor({ ...valid, pseudonym: '  x  ' }).pseudonym).toBeDefined();
  });

  it.each([
    [29, false],
    [30, true],
    [800, true],
    [801, false],
  ])('question of %i words → valid: %s', (n, ok) => {
    const e = errorsFor({ ...valid, body: words(n) });
    expect(e.body === undefined).toBe(ok);
    if (!ok) expect(e.body?.[0]).toContain(`has ${String(n)} words`);
  });

  it('refuses a question over the character ceiling even with few words', () => {
    const e = errorsFor({ ...valid, body: `${words(30)} ${'a'.repeat(QUESTION_LIMITS.charsMax)}` });
    expect(e.body?.[0]).toMatch(/under 8000 characters/);
  });

  it('makes email optional but checks it when given', () => {
    expect(errorsFor({ ...valid, email: undefined })).toEqual({});
    expect(errorsFor({ ...valid, email: 'not-an-address' }).email?.[0]).toMatch(/valid email/);
    expect(errorsFor({ ...valid, email: `${'a'.repeat(250)}@example.com` }).email?.[0]).toMatch(/too long/);
  });

  it('requires the consent tick', () => {
    expect(errorsFor({ ...valid, consent: false }).consent?.[0]).toMatch(/tick this box/);
  });

  it('names each missing field with its own message', () => {
    const e = errorsFor({ pseudonym: null, topic: null, body: null, consent: false });
    expect(Object.keys(e).sort()).toEqual(['body', 'consent', 'pseudonym', 'topic']);
    expect(e.topic?.[0]).toBe('Please choose a topic.');
    expect(e.body?.[0]).toBe('Please write your question.');
  });

  it('refuses a topic that is not an id', () => {
    expect(errorsFor({ ...valid, topic: 'First Bag!' }).topic?.[0]).toMatch(/from the list/);
  });
});
