import { ActionError, isInputError } from 'astro:actions';
import { expect, it, vi } from 'vitest';
import { server } from '../../../src/actions';
import { FieldError } from '../../../src/actions/field-error';
import { fieldErrors } from '../../../src/lib/reply-form-errors';
import { issueFormStamp } from '../../../src/server/spam';
import { describeEachDb, useSiteDbPerTest } from '../db-harness';
import { actionContext, call, form } from './context';

vi.mock('../../../src/server/replies/letters', () => ({
  letterExists: (id: string) => Promise.resolve(id === 'rain-spots'),
}));

it('a field error survives the trip to the browser as a field error, with its message untouched', () => {
  const error = new FieldError('parentId', 'The reply you are answering no longer exists.');
  expect(isInputError(error)).toBe(true);
  // What Astro sends for a thrown ActionError, read back the way the browser reads it.
  const received = ActionError.fromJson(
    JSON.parse(JSON.stringify(Object.assign({}, error, { message: error.message }))),
  );
  expect(isInputError(received)).toBe(true);
  expect(fieldErrors(received)).toEqual({ parentId: 'The reply you are answering no longer exists.' });
});

describeEachDb('reader reply actions', (target) => {
  useSiteDbPerTest(target);

  const reply = (over: Record<string, string | number> = {}) =>
    form({
      letterId: 'rain-spots',
      name: 'Field Tester',
      body: 'A reply',
      stamp: issueFormStamp(Date.now() - 5_000),
      ...over,
    });

  it('reports a service refusal as a structured field error on the field it concerns', async () => {
    const gone = await call(server.replies.create, actionContext(), reply({ parentId: 99_999 }));
    expect(fieldErrors(gone.error as ActionError)).toEqual({
      parentId: 'The reply you are answering no longer exists.',
    });
    const stale = await call(server.replies.create, actionContext(), reply({ stamp: 'forged.stamp.value' }));
    expect(isInputError(stale.error)).toBe(true);
    expect(Object.keys(fieldErrors(stale.error as ActionError))).toEqual(['body']);
  });

  it('keeps other refusals as plain action errors with their own status', async () => {
    const created = await call(server.replies.create, actionContext(), reply());
    const { reply: posted } = created.data as { reply: { id: number } };
    const forged = await call(
      server.replies.edit,
      actionContext(),
      form({ id: posted.id, token: 'not-a-token', body: 'x' }),
    );
    expect(isInputError(forged.error)).toBe(false);
    expect(forged.error).toMatchObject({ code: 'FORBIDDEN', message: 'Only the author can change this reply.' });
  });
});
