import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from '../../../../src/server/auth/password';

/** A stored hash made outside the module, as an older release or another tool would have written it. */
function foreignHash(password: string, N: number, r: number, p: number): string {
  const salt = Buffer.from('a fixed salt 16b');
  const key = scryptSync(password.normalize('NFKC'), salt, 64, { N, r, p, maxmem: 512 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('verifyPassword', () => {
  it('honours the cost stored with a hash, including a higher one set later', async () => {
    expect(await verifyPassword('a long enough password', foreignHash('a long enough password', 2 ** 15, 8, 1))).toBe(
      true,
    );
    expect(await verifyPassword('a long enough password', foreignHash('a long enough password', 2 ** 16, 8, 1))).toBe(
      true,
    );
    expect(await verifyPassword('a long enough password', foreignHash('a long enough password', 2 ** 10, 4, 2))).toBe(
      true,
    );
    expect(await verifyPassword('a wrong password here', foreignHash('a long enough password', 2 ** 10, 4, 2))).toBe(
      false,
    );
    // Few rounds but many lanes: the memory check must allow for the lanes, not only for N.
    expect(await verifyPassword('a long enough password', foreignHash('a long enough password', 2, 8, 16))).toBe(true);
  });

  it('treats compatibility forms of a character as the same password', async () => {
    const stored = await hashPassword('ﬁne leather bags');
    expect(await verifyPassword('fine leather bags', stored)).toBe(true);
  });

  it('never matches a malformed or foreign hash, even for the password it was made from', async () => {
    const good = foreignHash('a long enough password', 2 ** 10, 8, 1);
    const parts = good.split('$');
    const variants = [
      parts.slice(0, 5).join('$'),
      [...parts, 'extra'].join('$'),
      ['bcrypt', ...parts.slice(1)].join('$'),
      ['scrypt', '0', ...parts.slice(2)].join('$'),
      ['scrypt', parts[1], '', ...parts.slice(3)].join('$'),
      ['scrypt', parts[1], parts[2], 'x', ...parts.slice(4)].join('$'),
      [...parts.slice(0, 5), ''].join('$'),
      '',
    ];
    for (const stored of variants) expect(await verifyPassword('a long enough password', stored), stored).toBe(false);
  });
});

describe('burnPasswordCheck', () => {
  it('always answers no', async () => {
    expect(await burnPasswordCheck('not-a-real-password')).toBe(false);
    expect(await burnPasswordCheck('anything')).toBe(false);
  });
});

describe('passwordProblem', () => {
  it('accepts 12 to 200 characters and names the bound that was missed', () => {
    expect(passwordProblem('x'.repeat(11))).toBe('The password must be at least 12 characters long.');
    expect(passwordProblem('x'.repeat(12))).toBeUndefined();
    expect(passwordProblem('x'.repeat(200))).toBeUndefined();
    expect(passwordProblem('x'.repeat(201))).toBe('The password must be at most 200 characters long.');
  });
});
