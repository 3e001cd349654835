import { beforeEach, describe, expect, it, vi } from 'vitest';
import { csrfMatches } from '../../../src/server/auth/sessions';
import { emailFromUnsubscribeToken, unsubscribeToken } from '../../../src/server/notify/unsubscribe';
import { checkReplyToken, issueReplyToken } from '../../../src/server/replies/tokens';
import { resetConfig } from '../../../src/server/config';
import { safeEqual, siteSecret, sign, verifySignature } from '../../../src/server/secret';

// Every comparison of a secret value must go through timingSafeEqual on equal-sized digests.
const compared = vi.hoisted(() => ({ sizes: [] as number[][] }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    compared.sizes.push([a.byteLength, b.byteLength]);
    return real.timingSafeEqual(a, b);
  };
  return { ...real, default: { ...real, timingSafeEqual }, timingSafeEqual };
});

beforeEach(() => {
  compared.sizes = [];
});

/** The comparison ran in constant time: one timingSafeEqual of two 32-byte digests, whatever the input length. */
function expectConstantTime(): void {
  expect(compared.sizes).toEqual([[32, 32]]);
}

describe('constant-time comparisons', () => {
  it('safeEqual compares digests, so a short or long guess takes the same path', () => {
    expect(safeEqual('secret-value', 'secret-value')).toBe(true);
    expectConstantTime();
    for (const guess of ['s', 'secret-valuf', 'secret-value-and-more', '']) {
      compared.sizes = [];
      expect(safeEqual('secret-value', guess)).toBe(false);
      expectConstantTime();
    }
    expect(safeEqual('x', undefined)).toBe(false);
    expect(safeEqual('x', 42)).toBe(false);
  });

  it('signatures', () => {
    const sig = sign('test', 'message');
    expect(verifySignature('test', 'message', sig)).toBe(true);
    compared.sizes = [];
    expect(verifySignature('test', 'message', sig.slice(0, 10))).toBe(false);
    expectConstantTime();
  });

  it('CSRF tokens', () => {
    expect(csrfMatches('abc123', 'abc124')).toBe(false);
    expectConstantTime();
    compared.sizes = [];
    expect(csrfMatches('abc123', 'abc1234')).toBe(false);
    expectConstantTime();
  });

  it('reply edit tokens', () => {
    const reply = { id: 7, created_at: 1_800_000_000_000 };
    const token = issueReplyToken(reply.id, reply.created_at);
    expect(checkReplyToken(token, reply, reply.created_at)).toBe('ok');
    compared.sizes = [];
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(checkReplyToken(forged, reply, reply.created_at)).toBe('invalid');
    expect(compared.sizes.length).toBeGreaterThan(0);
    for (const pair of compared.sizes) expect(pair).toEqual([32, 32]);
  });

  it('unsubscribe links', () => {
    const token = unsubscribeToken('reader@example.com');
    expect(emailFromUnsubscribeToken(token)).toBe('reader@example.com');
    compared.sizes = [];
    expect(emailFromUnsubscribeToken(`${token}x`)).toBeUndefined();
    expectConstantTime();
  });
});

describe('siteSecret', () => {
  it('uses the configured secret, so what one process signed another one accepts', () => {
    const configured = '7f3a9c1e5b2d8f4a6c0e9b3d7a1f5c8e2b4d6f0a9c3e7b1d5f8a2c4e6b0d9f3a';
    const before = process.env.SITE_SECRET;
    process.env.SITE_SECRET = configured;
    resetConfig();
    try {
      expect(siteSecret()).toBe(configured);
    } finally {
      if (before === undefined) delete process.env.SITE_SECRET;
      else process.env.SITE_SECRET = before;
      resetConfig();
    }
  });
});
