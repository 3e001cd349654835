import { describe, expect, it } from 'vitest';
import { formId, requiredText } from '../../../src/schemas/form-fields';

describe('requiredText', () => {
  const field = requiredText('Please add a name.', 5, 'Five letters at most.');
  const message = (value: unknown) => field.safeParse(value).error?.issues[0]?.message;

  it('keeps trimmed text up to the limit', () => {
    expect(field.parse('  Anna ')).toBe('Anna');
    expect(field.parse('abcde')).toBe('abcde');
  });

  it('says the same thing for a blank, whitespace-only or absent field', () => {
    expect(message('')).toBe('Please add a name.');
    expect(message(' \n\t ')).toBe('Please add a name.');
    expect(message(undefined)).toBe('Please add a name.');
    expect(message(null)).toBe('Please add a name.');
  });

  it('refuses one character over the limit with its own message, and NUL characters', () => {
    expect(message('abcdef')).toBe('Five letters at most.');
    expect(message('ab\u0000c')).toMatch(/NUL/);
  });
});

describe('formId', () => {
  const id = formId('No such record.');

  it('reads a positive whole number from its digits', () => {
    expect(id.parse('42')).toBe(42);
    expect(id.parse('999999999999999')).toBe(999_999_999_999_999);
  });

  it.each([['0'], ['-5'], ['1.5'], ['1e3'], [' 7'], [''], ['1180591620717411303424'], [7], [undefined]])(
    'refuses %j with the one message',
    (value) => {
      const result = id.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual(['No such record.']);
    },
  );
});
