import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateStatusToken, hashStatusToken, isWellFormedStatusToken } from '../../../src/server/questions/tokens';

describe('status tokens', () => {
  it('are base64url strings carrying at least 128 random bits', () => {
    const token = generateStatusToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(isWellFormedStatusToken(token)).toBe(true);
  });

  it('do not repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, generateStatusToken));
    expect(seen.size).toBe(1000);
  });

  it('are stored as their SHA-256, which never contains the token', () => {
    const token = generateStatusToken();
    const hash = hashStatusToken(token);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(hashStatusToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).not.toBe(hash);
  });

  it.each([
    '',
    'short',
    'A'.repeat(31),
    'A'.repeat(33),
    `${'A'.repeat(31)}=`,
    `${'A'.repeat(31)}/`,
    '../../etc/passwd',
  ])('rejects the malformed token %j', (bad) => {
    expect(isWellFormedStatusToken(bad)).toBe(false);
  });
});
