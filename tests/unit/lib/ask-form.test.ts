import { describe, expect, it } from 'vitest';
import { askErrorsFrom, askValuesFromForm, validateAsk, type AskValues } from '../../../src/lib/ask-form';
import { QUESTION_LIMITS as L, bodyProblem, emailProblem } from '../../../src/lib/question-rules';
import { questionSubmissionSchema } from '../../../src/schemas/question';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${String(i)}`).join(' ');
const good: AskValues = { pseudonym: 'Second Guesser', email: '', topic: 'first-bag', body: words(40), consent: true };

/** What the server says, field by field, for the same values posted as a form would post them. */
function serverMessages(v: AskValues): Record<string, string> {
  const posted = {
    pseudonym: v.pseudonym === '' ? null : v.pseudonym,
    email: v.email === '' ? undefined : v.email,
    topic: v.topic === '' ? null : v.topic,
    body: v.body === '' ? null : v.body,
    consent: v.consent,
  };
  const r = questionSubmissionSchema.safeParse(posted);
  const out: Record<string, string> = {};
  if (!r.success) for (const i of r.error.issues) out[String(i.path[0])] ??= i.message;
  return out;
}

describe('the browser checks match the server', () => {
  it.each<[string, Partial<AskValues>]>([
    ['a good question', {}],
    ['everything empty', { pseudonym: '', topic: '', body: '', consent: false }],
    ['a one-letter pseudonym', { pseudonym: 'x' }],
    ['a 61-character pseudonym', { pseudonym: 'y'.repeat(61) }],
    ['a padded pseudonym', { pseudonym: '   a   ' }],
    ['a bad email', { email: 'someone@' }],
    ['a spaced email', { email: '  reader@example.com  ' }],
    ['a made-up topic id', { topic: 'Not A Topic' }],
    ['29 words', { body: words(29) }],
    ['801 words', { body: words(801) }],
    ['one word', { body: 'Help' }],
    ['a padded topic id', { topic: '  first-bag\n' }],
    ['a topic of spaces', { topic: '   ' }],
    ['a body of spaces', { body: ' \n\t ' }],
    [
      'a padded body at the character limit',
      { body: ` ${words(30)} ${'x'.repeat(L.charsMax)}`.slice(0, L.charsMax) + '\n\n' },
    ],
  ])('%s', (_, patch) => {
    const values = { ...good, ...patch };
    // Strict: a field without a problem has no entry at all, as in the server's answer.
    expect(validateAsk(values)).toStrictEqual(serverMessages(values));
  });
});

describe('a refused question, read back for the no-JavaScript form', () => {
  it('puts back what was typed, with the consent box as sent', () => {
    const form = new FormData();
    form.set('pseudonym', 'Second Guesser');
    form.set('email', 'sg@example.com');
    form.set('topic', 'first-bags');
    form.set('body', 'Dear PurseBop, …');
    expect(askValuesFromForm(form)).toEqual({
      pseudonym: 'Second Guesser',
      email: 'sg@example.com',
      topic: 'first-bags',
      body: 'Dear PurseBop, …',
      consent: false,
    });
    form.set('consent', 'on');
    expect(askValuesFromForm(form).consent).toBe(true);
    expect(askValuesFromForm(undefined)).toEqual({ pseudonym: '', email: '', topic: '', body: '', consent: false });
  });

  it('maps refusals to fields: the schema’s first message per field, a duplicate under the letter, the rest above the form', () => {
    const input = {
      type: 'AstroActionInputError',
      status: 400,
      message: 'Failed validation',
      fields: { pseudonym: ['Please add a name', 'second'], unknown: ['ignored'] },
    };
    expect(askErrorsFrom(input)).toEqual({ pseudonym: 'Please add a name' });
    expect(askErrorsFrom({ status: 409, code: 'CONFLICT', message: 'Already sent' })).toEqual({ body: 'Already sent' });
    expect(askErrorsFrom({ status: 429, code: 'TOO_MANY_REQUESTS', message: 'Slow down' })).toEqual({
      form: 'Slow down',
    });
  });

  it('reads field messages only from an input error, and skips fields that carry none', () => {
    const fields = { body: [], pseudonym: undefined, topic: ['Please choose a topic.'] };
    expect(askErrorsFrom({ type: 'AstroActionInputError', status: 400, message: 'Failed validation', fields })).toEqual(
      { topic: 'Please choose a topic.' },
    );
    // An input error that lost its fields still says something, above the form.
    expect(askErrorsFrom({ type: 'AstroActionInputError', status: 400, message: 'Failed validation' })).toEqual({
      form: 'Failed validation',
    });
    // Any other refusal is one line above the form, whatever else it carries.
    expect(
      askErrorsFrom({ type: 'AstroActionError', status: 400, code: 'BAD_REQUEST', message: 'Stale form', fields }),
    ).toEqual({ form: 'Stale form' });
  });
});

describe('question limits, at the edges', () => {
  it('takes an email of exactly the longest length, and a body of exactly the most characters', () => {
    const email = `${'a'.repeat(L.emailMax - '@example.com'.length)}@example.com`;
    expect(emailProblem(email)).toBeUndefined();
    expect(emailProblem(`a${email}`)).toBe('That email address is too long.');
    const body = `${words(L.wordsMin)} ${'x'.repeat(L.charsMax)}`.slice(0, L.charsMax);
    expect(bodyProblem(body)).toBeUndefined();
    expect(bodyProblem(`${body}x`)).toBe(`Please keep your question under ${String(L.charsMax)} characters.`);
    expect(bodyProblem('Help')).toBe(`Your question has 1 word; please write at least ${String(L.wordsMin)}.`);
    expect(bodyProblem('just three words')).toBe(
      `Your question has 3 words; please write at least ${String(L.wordsMin)}.`,
    );
  });
});
