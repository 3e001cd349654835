import { expect, it } from 'vitest';
import { creditLine } from '../../../src/lib/credit-line';

it('keeps a credit that names its own kind, and labels a bare name as a photo', () => {
  expect(creditLine('Illustration by Dear PurseBop')).toBe('Illustration by Dear PurseBop');
  expect(creditLine('Photograph: Ana Ruiz')).toBe('Photograph: Ana Ruiz');
  expect(creditLine('Courtesy of the maker')).toBe('Courtesy of the maker');
  expect(creditLine('Ana Ruiz')).toBe('Photo: Ana Ruiz');
});

it('reads the kind of credit past stray spaces', () => {
  expect(creditLine('  Photo: Ed Example ')).toBe('Photo: Ed Example');
  expect(creditLine('  Ed Example ')).toBe('Photo: Ed Example');
});
