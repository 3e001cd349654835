import { describe, expect, it } from 'vitest';
import {
  FREE_FAILURES,
  FREE_FAILURES_PER_ACCOUNT,
  FREE_FAILURES_PER_ADDRESS,
  delayAfter,
  throttleKeys,
} from '../../../../src/server/auth/lockout';

describe('throttleKeys', () => {
  it('charges an unknown browser to its pair, its address and the account, each with its own allowance', () => {
    const keys = throttleKeys('ed@example.com', '203.0.113.9');
    expect(keys.map((k) => k.free)).toEqual([FREE_FAILURES, FREE_FAILURES_PER_ADDRESS, FREE_FAILURES_PER_ACCOUNT]);
    expect(new Set(keys.map((k) => k.key)).size).toBe(3);
  });

  it('charges a known browser to its pair and its device only', () => {
    const keys = throttleKeys('ed@example.com', '203.0.113.9', 'device-1');
    expect(keys.map((k) => k.free)).toEqual([FREE_FAILURES, FREE_FAILURES_PER_ACCOUNT]);
    expect(keys[0]).toEqual(throttleKeys('ed@example.com', '203.0.113.9')[0]);
    expect(keys[1]?.key).not.toBe(throttleKeys('ed@example.com', '203.0.113.9', 'device-2')[1]?.key);
  });

  it('counts one account whatever the case or spacing of the email', () => {
    expect(throttleKeys('  Ed@Example.COM ', '203.0.113.9')).toEqual(throttleKeys('ed@example.com', '203.0.113.9'));
  });

  it('keeps accounts and addresses apart', () => {
    const [pair, address, account] = throttleKeys('ed@example.com', '203.0.113.9');
    const [otherPair, sameAddress, otherAccount] = throttleKeys('jo@example.com', '203.0.113.9');
    const [farPair, farAddress, sameAccount] = throttleKeys('ed@example.com', '198.51.100.4');
    expect(otherPair?.key).not.toBe(pair?.key);
    expect(farPair?.key).not.toBe(pair?.key);
    expect(sameAddress?.key).toBe(address?.key);
    expect(farAddress?.key).not.toBe(address?.key);
    expect(sameAccount?.key).toBe(account?.key);
    expect(otherAccount?.key).not.toBe(account?.key);
    // An address can never be mistaken for an account of the same spelling.
    expect(throttleKeys('x', 'x').map((k) => k.key)).toHaveLength(3);
    expect(new Set(throttleKeys('x', 'x').map((k) => k.key)).size).toBe(3);
  });
});

describe('delayAfter', () => {
  it('is free up to the allowance, then waits 30 s, doubling up to an hour', () => {
    expect(delayAfter(0)).toBe(0);
    expect(delayAfter(FREE_FAILURES - 1)).toBe(0);
    expect(delayAfter(FREE_FAILURES)).toBe(30_000);
    expect(delayAfter(FREE_FAILURES + 1)).toBe(60_000);
    expect(delayAfter(FREE_FAILURES + 2)).toBe(120_000);
    expect(delayAfter(FREE_FAILURES + 7)).toBe(60 * 60 * 1000);
    expect(delayAfter(1_000_000)).toBe(60 * 60 * 1000);
  });

  it('uses the allowance of the counter it is given', () => {
    expect(delayAfter(19, 20)).toBe(0);
    expect(delayAfter(20, 20)).toBe(30_000);
    expect(delayAfter(21, 20)).toBe(60_000);
  });
});
