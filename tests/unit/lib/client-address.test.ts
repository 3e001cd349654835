import { describe, expect, it } from 'vitest';
import { clientAddress, normaliseAddress } from '../../../src/lib/client-address';

describe('clientAddress', () => {
  it('is the direct peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', [])).toBe('203.0.113.5');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.5', '198.51.100.1', ['10.0.0.1'])).toBe('203.0.113.5');
  });

  it('believes X-Forwarded-For from a trusted proxy', () => {
    expect(clientAddress('10.0.0.1', '198.51.100.1', ['10.0.0.1'])).toBe('198.51.100.1');
  });

  it('takes the right-most untrusted hop, not what the client typed on the left', () => {
    expect(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.1', ['10.0.0.1'])).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.1, 10.0.0.2', ['10.0.0.1', '10.0.0.2'])).toBe('198.51.100.1');
  });

  it('falls back to the peer when every hop is a trusted proxy or the header is empty', () => {
    expect(clientAddress('10.0.0.1', '10.0.0.2, 10.0.0.1', ['10.0.0.1', '10.0.0.2'])).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '', ['10.0.0.1'])).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', ' , ,', ['10.0.0.1'])).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', null, ['10.0.0.1'])).toBe('10.0.0.1');
  });

  it('trims hops and treats IPv4-mapped IPv6 as the same client', () => {
    expect(clientAddress('::ffff:10.0.0.1', ' ::ffff:198.51.100.1 ', ['10.0.0.1'])).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.1', '198.51.100.1,::ffff:10.0.0.2', ['10.0.0.1', '10.0.0.2'])).toBe('198.51.100.1');
  });

  it('names an unknown peer', () => {
    expect(clientAddress(undefined, '198.51.100.1', [])).toBe('unknown');
  });
});

describe('normaliseAddress', () => {
  it('strips the IPv4-mapped prefix and leaves everything else alone', () => {
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('::1')).toBe('::1');
    expect(normaliseAddress('2001:db8::ffff:1')).toBe('2001:db8::ffff:1');
  });
});
