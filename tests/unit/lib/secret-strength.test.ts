import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
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
