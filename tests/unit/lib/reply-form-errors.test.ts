import { describe, expect, it } from 'vitest';
import type { RefusedAction } from '../../../src/lib/action-problem';
import { fieldErrors, plainPageErrors } from '../../../src/lib/reply-form-errors';

function inputError(fields: Record<string, string[] | undefined>): RefusedAction {
  return { type: 'AstroActionInputError', status: 400, message: 'Failed to validate', fields };
}

describe('fieldErrors', () => {
  it('puts the first message of each known field beside that field', () => {
    expect(
      fieldErrors(
        inputError({
          name: ['Please give a name.', 'second'],
          email: ['Not an email.'],
          body: ['Too short.'],
          parentId: ['That reply is gone.'],
        }),
      ),
    ).toEqual({
      name: 'Please give a name.',
      email: 'Not an email.',
      body: 'Too short.',
      parentId: 'That reply is gone.',
    });
  });

  it('keeps only the fields that have a message', () => {
    expect(fieldErrors(inputError({ body: ['Too short.'], email: [], name: undefined }))).toEqual({
      body: 'Too short.',
    });
  });

  it('falls back to one form-wide line when no known field has a message', () => {
    expect(fieldErrors(inputError({ website: ['Unknown field.'] }))).toEqual({ form: 'Please check the form.' });
    expect(fieldErrors(inputError({}))).toEqual({ form: 'Please check the form.' });
  });

  it('treats anything else as a refusal of the whole form', () => {
    expect(fieldErrors({ status: 429, message: 'Too many replies; wait a minute.' })).toEqual({
      form: 'Too many replies; wait a minute.',
    });
    // Fields without the input-error type are not field errors.
    expect(fieldErrors({ status: 400, message: 'Bad request.', fields: { body: ['x'] } })).toEqual({
      form: 'Bad request.',
    });
    // An input error without fields is not either.
    expect(fieldErrors({ type: 'AstroActionInputError', status: 400, message: 'Invalid.' })).toEqual({
      form: 'Invalid.',
    });
    expect(fieldErrors({ status: 500, message: '' })).toEqual({ form: 'Something went wrong. Please try again.' });
  });

  it('says a body too large for the server is too long', () => {
    expect(fieldErrors({ status: 413, message: 'Payload Too Large' })).toEqual({
      body: 'Your reply is too long to send.',
    });
  });
});

describe('plainPageErrors', () => {
  it('shows nothing when nothing was refused', () => {
    expect(plainPageErrors(undefined, undefined)).toEqual({ form: {}, change: undefined });
  });

  it('keeps field problems beside their fields, and a vanished parent above the form', () => {
    expect(plainPageErrors(inputError({ body: ['Too short.'] }), undefined)).toEqual({
      form: { body: 'Too short.' },
      change: undefined,
    });
    expect(plainPageErrors(inputError({ parentId: ['That reply is gone.'], body: ['Too short.'] }), undefined)).toEqual(
      {
        form: { parentId: 'That reply is gone.', body: 'Too short.', form: 'That reply is gone.' },
        change: undefined,
      },
    );
    expect(plainPageErrors({ status: 429, message: 'Slow down.' }, undefined)).toEqual({
      form: { form: 'Slow down.' },
      change: undefined,
    });
  });

  it('shows a refused edit or delete as one line', () => {
    expect(plainPageErrors(undefined, { status: 403, message: 'That is not your reply.' })).toEqual({
      form: {},
      change: 'That is not your reply.',
    });
    expect(plainPageErrors(undefined, { status: 413, message: '' })).toEqual({
      form: {},
      change: 'Your reply is too long to send.',
    });
  });
});
