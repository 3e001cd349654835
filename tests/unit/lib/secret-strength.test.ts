import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { siteSecretProblem } from '../../../src/lib/secret-strength';

describe('siteSecretProblem', () => {
  it('accepts random secrets of the usual shapes', () => {
    // Fixed pseudo-random bytes (SHA-256 of a counter), so the run is the same every time.
    const bytes = (i: number, n: number) =>
      Buffer.concat(
        [0, 1].map((k) =>
          createHash('sha256')
            .update(`${String(i)}.${String(k)}`)
            .digest(),
        ),
      ).subarray(0, n);
    for (let i = 0; i < 5000; i++) {
      expect(siteSecretProblem(bytes(i, 32).toString('hex'))).toBeUndefined();
      expect(siteSecretProblem(bytes(i, 16).toString('hex'))).toBeUndefined();
      expect(siteSecretProblem(bytes(i, 32).toString('base64url'))).toBeUndefined();
      expect(siteSecretProblem(bytes(i, 24).toString('base64'))).toBeUndefined();
    }
  });

  it('refuses a short secret, saying how long it must be', () => {
    expect(siteSecretProblem(randomBytes(12).toString('hex'))).toBe('too short: 24 characters, at least 32 needed');
  });

  it('refuses a repeated character', () => {
    expect(siteSecretProblem('a'.repeat(64))).toBe('guessable: fewer than 8 different characters');
  });

  it('refuses a short piece repeated', () => {
    expect(siteSecretProblem('Xy7#kQ2!'.repeat(5))).toBe('guessable: one short piece repeated');
  });

  it('refuses dictionary words, however many', () => {
    expect(siteSecretProblem('correcthorsebatterystaplecorrecthorse')).toContain('guessable');
    expect(siteSecretProblem('ThisIsMySiteSecretForPurseBop2026!')).toContain('guessable');
    expect(siteSecretProblem('changeme-changeme-password-secret-123')).toContain('guessable');
  });

  it('refuses sequences and runs of one character', () => {
    expect(siteSecretProblem('abcdefghijklmnopqrstuvwxyz0123456789')).toContain('guessable');
    expect(siteSecretProblem('0123456789abcdefghijZYXWVUTSRQPONMLKJIHGFEDCBA')).toContain('guessable');
    expect(siteSecretProblem('k9Xm!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!Qz7pW3')).toContain('guessable');
  });

  it('refuses the kind of placeholder people leave in configuration', () => {
    expect(siteSecretProblem('e2e-secret-e2e-secret-e2e-secret-0123456789')).toBeDefined();
    expect(siteSecretProblem('please-change-this-secret-in-production')).toBeDefined();
  });
});

describe('how the estimate counts', () => {
  // Common words, sequences and runs count for nothing; each other character for what a random
  // character of the classes the secret uses would carry (hex 4 bits, lower case alone 4.7, …).
  const W = 'passwordsecret';
  const bits = (n: number) =>
    `guessable: mostly common words, repeats or sequences (about ${String(n)} random bits, 112 needed)`;

  it('counts each class of characters the secret uses', () => {
    expect(siteSecretProblem(`${W}qzxjvkwmgtyhnprqzx`)).toBe(bits(84));
    expect(siteSecretProblem(`${W}QZXJVKWMGTYHNPRQZX`)).toBe(bits(102));
    expect(siteSecretProblem(`${W}qzxjvkwmg739461583`)).toBe(bits(93));
    expect(siteSecretProblem(`${W}qzxjvkwmg#!%&+=@?~`)).toBe(bits(105));
    expect(siteSecretProblem('abcdef9d1f07b2c4e85a3f6d0b1c7e29')).toBe(bits(104));
    expect(siteSecretProblem('ABCDEF9D1F07B2C4E85A3F6D0B1C7E29')).toBe(bits(104));
    // Capitals alone count like small letters alone.
    expect(siteSecretProblem('PASSWORDSECRETQZXJVKWMGTYHNPRQZX')).toBe(bits(84));
    // Hex digits first, then other letters: not hex.
    expect(siteSecretProblem('9d1f07passwordsecretqzxjvkwmgtyh')).toBe(bits(93));
  });

  it('drops common words of four letters or more, whole, in any case', async () => {
    // A copy loaded inside the test, so the word list it builds when it loads is built here too
    // (the mutation run only sees code a test runs).
    vi.resetModules();
    const { siteSecretProblem } = await import('../../../src/lib/secret-strength');
    expect(siteSecretProblem(`${W}rootqzxjvkwmgtyhnp`)).toBe(bits(65));
    expect(siteSecretProblem('passwordsecretsqzxjvkwmgtyhnprqz')).toBe(bits(79));
    expect(siteSecretProblem('PASSWORDSECRETqzxjvkwmgtyhnprqzx')).toBe(bits(102));
  });

  it('keeps one character of a sequence of five or more, up or down, anywhere', () => {
    expect(siteSecretProblem(`${W}abcdeqzxjvkwmgtyhnpr`)).toBe(bits(75));
    expect(siteSecretProblem(`${W}edcbaqzxjvkwmgtyhnpr`)).toBe(bits(75));
    expect(siteSecretProblem(`${W}qzxjkmgtyhnpqrzvwxyz`)).toBe(bits(75));
    expect(siteSecretProblem(`${W}abcdqzxjvkwmgtyhnpr`)).toBe(bits(89));
    // At the very end too, where a run of four still counts in full.
    expect(siteSecretProblem(`${W}qzxjvkwmgtyhnprabcde`)).toBe(bits(75));
    expect(siteSecretProblem(`${W}qzxjvkwmgtyhnprzabcd`)).toBe(bits(94));
  });

  it('keeps one character of a run of four or more', () => {
    expect(siteSecretProblem(`${W}!!!!qzxjvkwmgtyhn###`)).toBe(bits(100));
  });

  it('finds a piece repeated twice or more, and only then', () => {
    expect(siteSecretProblem('Xy7#kQ2!Zp4$Mn8&'.repeat(2))).toBe('guessable: one short piece repeated');
    expect(siteSecretProblem('Xy7#kQ2!Zp4$'.repeat(3))).toBe('guessable: one short piece repeated');
    expect(siteSecretProblem('Xy7#kQ2!Zp4$Mn8&Xy7#kQ2!Zp4$Mn8&X')).toBeUndefined();
  });
});
