import { describe, expect, it } from 'vitest';
import { validateAsk, type AskValues } from '../../../src/lib/ask-form';
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
  ])('%s', (_, patch) => {
    const values = { ...good, ...patch };
    expect(validateAsk(values)).toEqual(serverMessages(values));
  });
});
