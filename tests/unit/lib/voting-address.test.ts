import { describe, expect, it } from 'vitest';
import { votingAddress } from '../../../src/lib/voting-address';

describe('votingAddress', () => {
  it('keeps an IPv4 address whole', () => {
    expect(votingAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(votingAddress('203.0.113.8')).not.toBe(votingAddress('203.0.113.7'));
  });

  it('reduces every spelling of an IPv6 address to the same /64', () => {
    const expected = '2001:db8:1:2::/64';
    for (const a of ['2001:db8:1:2::1', '2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2:0:0:0:9%eth0']) {
      expect(votingAddress(a)).toBe(expected);
    }
    expect(votingAddress('2001:db8:1:3::1')).not.toBe(expected);
    expect(votingAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(votingAddress('::1')).toBe('0:0:0:0::/64');
    expect(votingAddress('64:ff9b:1:2::192.0.2.1')).toBe('64:ff9b:1:2::/64');
  });

  it('leaves what it cannot parse alone', () => {
    for (const a of ['unknown', '1::2::3', '1:2:3', 'g::1', '1:2:3:4:5:6:7:8:9']) expect(votingAddress(a)).toBe(a);
  });
});

describe('votingAddress, unusual spellings', () => {
  it('ignores surrounding spaces and a zone id', () => {
    expect(votingAddress(' 203.0.113.7 ')).toBe('203.0.113.7');
    expect(votingAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(votingAddress('FE80::1%25en0')).toBe('fe80:0:0:0::/64');
  });

  it('places the groups after "::" where they belong', () => {
    expect(votingAddress('1::2:3:4:5:6:7')).toBe('1:0:2:3::/64');
    expect(votingAddress('2001:db8:1::2:3:4:5')).toBe('2001:db8:1:0::/64');
  });

  it('keeps as is what only looks like an address', () => {
    for (const a of ['1:2:3:4::5:6:7:8', '12345::1', '1g::1', '1:2:3:4:5:6:7']) expect(votingAddress(a)).toBe(a);
  });
});
