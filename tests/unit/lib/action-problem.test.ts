import { ActionError, defineAction, isInputError } from 'astro:actions';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { actionProblem } from '../../../src/lib/action-problem';

describe('actionProblem', () => {
  it("shows a schema refusal's first field message, not Astro's 'Failed to validate' dump", async () => {
    const action = defineAction({
      accept: 'form',
      input: z.object({ id: z.string().regex(/^\d+$/, 'That question does not exist.') }),
      handler: () => 'ok',
    });
    const input = new FormData();
    input.set('id', 'abc');
    const { error } = await action.call({ [Symbol.for('astro.actionAPIContext')]: true } as never, input);
    expect(error && isInputError(error)).toBe(true);
    expect(actionProblem(error)).toBe('That question does not exist.');
  });

  it("shows any other refusal's own message, and nothing when there was none", () => {
    expect(actionProblem(new ActionError({ code: 'NOT_FOUND', message: 'That question no longer exists.' }))).toBe(
      'That question no longer exists.',
    );
    expect(actionProblem(undefined)).toBeUndefined();
  });

  it('falls back to plain words when the refusal carries none', () => {
    expect(actionProblem({ status: 400, message: 'Failed to validate', issues: [{ message: '' }] })).toBe(
      'Please check the form.',
    );
    expect(actionProblem({ status: 400, message: 'Failed to validate', issues: [] })).toBe('Please check the form.');
    expect(actionProblem({ status: 400, message: 'x', issues: [{ message: '' }, { message: 'Too short.' }] })).toBe(
      'Too short.',
    );
    expect(actionProblem({ status: 400, message: '' })).toBe('Something went wrong. Please try again.');
  });
});
