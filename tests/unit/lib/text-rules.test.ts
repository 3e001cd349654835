import { describe, expect, it } from 'vitest';
import { bodyProblem, pseudonymProblem } from '../../../src/lib/question-rules';
import { NUL_PROBLEM } from '../../../src/lib/text-rules';
import { createReplyInput, editReplyInput } from '../../../src/schemas/reply';
import { loginFormSchema } from '../../../src/server/auth/login-form';
import { replyBodySchema } from '../../../src/server/desk/moderation';

// PostgreSQL refuses NUL in text with an error; every free-text field refuses it first, in words.
const words = Array.from({ length: 40 }, (_, i) => `word${String(i)}`).join(' ');
const reply = { letterId: 'a-letter', name: 'Reader', body: 'A fine reply' };

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);
}

describe('text with a NUL character', () => {
  it('is refused in a reply, its edit and a desk edit, with a message in words', () => {
    expect(messages(createReplyInput.safeParse({ ...reply, body: 'A fine\u0000 reply' }))).toEqual([NUL_PROBLEM]);
    expect(messages(createReplyInput.safeParse({ ...reply, name: 'Rea\u0000der' }))).toEqual([NUL_PROBLEM]);
    expect(messages(editReplyInput.safeParse({ id: 1, token: 't', body: '\u0000x' }))).toEqual([NUL_PROBLEM]);
    expect(messages(replyBodySchema.safeParse('x\u0000'))).toEqual([NUL_PROBLEM]);
    expect(createReplyInput.safeParse(reply).success).toBe(true);
  });

  it('is refused in a question and at sign-in', () => {
    expect(pseudonymProblem('Second\u0000 Guesser')).toBe(NUL_PROBLEM);
    expect(bodyProblem(`${words}\u0000`)).toBe(NUL_PROBLEM);
    expect(bodyProblem(words)).toBeUndefined();
    expect(loginFormSchema.safeParse({ email: 'ed\u0000@example.com', password: 'x' }).success).toBe(false);
  });
});
