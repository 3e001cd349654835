import { describe, expect, it } from 'vitest';
import {
  ProxyList,
  clientAddress,
  clientUsedHttps,
  normaliseAddress,
  parseIp,
  proxyEntryProblem,
} from '../../../src/lib/client-address';

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

describe('clientAddress without trusted proxies', () => {
  it('ignores X-Forwarded-For entirely, so a client cannot pick its own rate-limit key', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', [])).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '198.51.100.1, 127.0.0.1', [])).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from a peer that is not on the list', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', ['10.0.0.1'])).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '198.51.100.1', ['10.0.0.0/8'])).toBe('203.0.113.9');
    // A neighbour of the proxy's address is not the proxy.
    expect(clientAddress('10.0.0.2', '198.51.100.1', ['10.0.0.1'])).toBe('10.0.0.2');
  });

  it('reports a missing peer as "unknown" and normalises the peer', () => {
    expect(clientAddress(undefined, null, [])).toBe('unknown');
    expect(clientAddress('::ffff:127.0.0.1', null, [])).toBe('127.0.0.1');
  });
});

describe('clientAddress behind trusted proxies', () => {
  it('believes the address the proxy appended', () => {
    expect(clientAddress('10.0.0.1', '198.51.100.1', ['10.0.0.1'])).toBe('198.51.100.1');
  });

  it('takes the right-most untrusted hop, never a value the client typed to its left', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the real peer.
    expect(clientAddress('10.0.0.1', '1.1.1.1, 198.51.100.1', ['10.0.0.1'])).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.1', '1.1.1.1,198.51.100.1', ['10.0.0.1'])).toBe('198.51.100.1');
  });

  it('skips every trusted hop of a chain of proxies', () => {
    const trusted = ['10.0.0.1', '10.0.0.2'];
    expect(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.1, 10.0.0.2', trusted)).toBe('198.51.100.1');
  });

  it('answers the peer for an empty header', () => {
    expect(clientAddress('10.0.0.1', '', ['10.0.0.1'])).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', ' , ', ['10.0.0.1'])).toBe('10.0.0.1');
  });

  it('does not believe a hop that is no address: the proxy that passed it on is the nearest known client', () => {
    expect(clientAddress('10.0.0.1', 'unknown', ['10.0.0.1'])).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', 'evil, 10.0.0.2', ['10.0.0.0/8'])).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.1', '<script>', ['10.0.0.1'])).toBe('10.0.0.1');
  });

  it('reads ports and brackets some proxies add, and gives one spelling per client', () => {
    expect(clientAddress('10.0.0.1', '198.51.100.1:5678', ['10.0.0.1'])).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.1', '[2001:DB8::1]:443', ['10.0.0.1'])).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.1', '2001:db8:0:0::1', ['10.0.0.1'])).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.1', '::ffff:198.51.100.1', ['10.0.0.1'])).toBe('198.51.100.1');
  });

  it('recognises the proxy in any spelling of its address', () => {
    expect(clientAddress('::ffff:10.0.0.1', '198.51.100.1', ['10.0.0.1'])).toBe('198.51.100.1');
    expect(clientAddress('::1', '198.51.100.1', ['0:0:0:0:0:0:0:1'])).toBe('198.51.100.1');
  });
});

describe('CIDR ranges in TRUSTED_PROXIES', () => {
  it('trusts every IPv4 address inside the range and none outside', () => {
    const trusted = ['10.1.0.0/16'];
    expect(clientAddress('10.1.255.254', '198.51.100.1', trusted)).toBe('198.51.100.1');
    expect(clientAddress('10.1.0.0', '198.51.100.1', trusted)).toBe('198.51.100.1');
    expect(clientAddress('10.2.0.1', '198.51.100.1', trusted)).toBe('10.2.0.1');
    expect(clientAddress('10.0.255.255', '198.51.100.1', trusted)).toBe('10.0.255.255');
  });

  it('handles odd prefix lengths and host bits set in the entry', () => {
    const list = new ProxyList(['192.0.2.77/26']);
    expect(list.has('192.0.2.64')).toBe(true);
    expect(list.has('192.0.2.127')).toBe(true);
    expect(list.has('192.0.2.63')).toBe(false);
    expect(list.has('192.0.2.128')).toBe(false);
  });

  it('trusts IPv6 ranges', () => {
    const list = new ProxyList(['fd00:abcd::/32']);
    expect(list.has('fd00:abcd:1234::5')).toBe(true);
    expect(list.has('FD00:ABCD:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(list.has('fd00:abce::1')).toBe(false);
    expect(clientAddress('fd00:abcd::9', '2001:db8::7', ['fd00:abcd::/32'])).toBe('2001:db8::7');
  });

  it('/0 trusts everything of its family only, and /32 or /128 one address', () => {
    expect(new ProxyList(['0.0.0.0/0']).has('203.0.113.1')).toBe(true);
    expect(new ProxyList(['0.0.0.0/0']).has('2001:db8::1')).toBe(false);
    expect(new ProxyList(['::/0']).has('2001:db8::1')).toBe(true);
    expect(new ProxyList(['::/0']).has('203.0.113.1')).toBe(false);
    expect(new ProxyList(['203.0.113.1/32']).has('203.0.113.2')).toBe(false);
    expect(new ProxyList(['2001:db8::1/128']).has('2001:db8::2')).toBe(false);
  });

  it('matches IPv4-mapped peers against IPv4 ranges, and mapped ranges against IPv4 peers', () => {
    expect(new ProxyList(['10.0.0.0/8']).has('::ffff:10.9.8.7')).toBe(true);
    expect(new ProxyList(['::ffff:10.0.0.0/104']).has('10.9.8.7')).toBe(true);
    expect(new ProxyList(['::ffff:10.0.0.0/104']).has('11.0.0.1')).toBe(false);
  });

  it('never matches text that is not an address', () => {
    const list = new ProxyList(['0.0.0.0/0', '::/0']);
    expect(list.has('unknown')).toBe(false);
    expect(list.has('')).toBe(false);
  });
});

describe('proxyEntryProblem', () => {
  it('accepts addresses and ranges of both families', () => {
    for (const entry of ['127.0.0.1', '::1', '10.0.0.0/8', 'fd00::/8', '::ffff:10.0.0.0/104', '0.0.0.0/0']) {
      expect(proxyEntryProblem(entry), entry).toBeUndefined();
    }
  });

  it('names what is wrong with anything else', () => {
    for (const entry of [
      'proxy.local',
      '10.0.0.0/33',
      '::/129',
      '10.0.0.256',
      '010.0.0.1',
      '1.2.3',
      '10.0.0.0/',
      'a::b::c',
    ]) {
      expect(proxyEntryProblem(entry), entry).toContain(entry);
    }
  });
});

describe('parseIp and normaliseAddress', () => {
  it('parses both families strictly', () => {
    expect(parseIp('192.0.2.1')).toEqual({ version: 4, value: 0xc0000201n });
    expect(parseIp('::')).toEqual({ version: 6, value: 0n });
    expect(parseIp('fe80::1%eth0')).toEqual({ version: 6, value: (0xfe80n << 112n) | 1n });
    for (const bad of [
      '',
      '1.2.3.4.5',
      '1.2.3.-1',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      ':1::',
      '12345::',
      'g::1',
      '1.2.3.4::',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it('writes IPv6 in the RFC 5952 form', () => {
    expect(normaliseAddress('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(normaliseAddress('2001:db8:0:1:0:0:0:1')).toBe('2001:db8:0:1::1');
    expect(normaliseAddress('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(normaliseAddress('2001:db8:1:1:1:1:0:1')).toBe('2001:db8:1:1:1:1:0:1');
    expect(normaliseAddress('0:0:0:0:0:0:0:0')).toBe('::');
    expect(normaliseAddress('::ffff:7f00:1')).toBe('127.0.0.1');
  });

  it('leaves text that is no address as it was', () => {
    expect(normaliseAddress(' unknown ')).toBe('unknown');
  });
});

describe('clientUsedHttps', () => {
  const http = new URL('http://127.0.0.1:4321/desk');

  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(clientUsedHttps(http, '10.0.0.1', 'https', ['10.0.0.0/8'])).toBe(true);
    expect(clientUsedHttps(http, '203.0.113.9', 'https', ['10.0.0.0/8'])).toBe(false);
    expect(clientUsedHttps(http, '203.0.113.9', 'https', [])).toBe(false);
    expect(clientUsedHttps(http, undefined, 'https', ['10.0.0.0/8'])).toBe(false);
  });

  it('reads the first value of a list and any case', () => {
    expect(clientUsedHttps(http, '10.0.0.1', 'HTTPS, http', ['10.0.0.1'])).toBe(true);
    expect(clientUsedHttps(http, '10.0.0.1', 'http, https', ['10.0.0.1'])).toBe(false);
    expect(clientUsedHttps(http, '10.0.0.1', null, ['10.0.0.1'])).toBe(false);
  });

  it('is true for a request that arrived over TLS itself', () => {
    expect(clientUsedHttps(new URL('https://example.com/'), '203.0.113.9', null, [])).toBe(true);
  });
});

describe('address parsing at the edges', () => {
  it('refuses IPv6 text with two "::", with "::" standing for no word, or with a bad embedded IPv4 tail', () => {
    expect(parseIp('1:2:3:4:5:6:7:8::1::1')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parseIp('1:2:3:4::5:6:7:8')).toBeUndefined();
    expect(parseIp('::ffff:999.1.1.1')).toBeUndefined();
    expect(parseIp('::ffff:1.2.3')).toBeUndefined();
  });

  it('reads the full eight-word form, "::" for a single zero word, and an IPv4 tail anywhere it may stand', () => {
    expect(normaliseAddress('1:2:3:4:5:6:7:8')).toBe('1:2:3:4:5:6:7:8');
    expect(normaliseAddress('2001:db8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normaliseAddress('1:2:3::4:5:6:7')).toBe('1:2:3:0:4:5:6:7');
    expect(normaliseAddress('0:0:0:0:0:ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('::1:2:192.0.2.1')).toBe('::1:2:c000:201');
    // The longest IPv6 spelling there is: 45 characters.
    expect(parseIp('0000:0000:0000:0000:0000:ffff:255.255.255.255')).toEqual({ version: 4, value: 0xffffffffn });
  });

  it('drops a zone only at the end of the address', () => {
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(parseIp('fe80::1%a:2')).toBeUndefined();
  });

  it('strips a port or brackets only when they frame the whole text', () => {
    expect(normaliseAddress('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normaliseAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(normaliseAddress('junk[2001:db8::1]')).toBe('junk[2001:db8::1]');
    expect(normaliseAddress('[2001:db8::1]:443junk')).toBe('[2001:db8::1]:443junk');
    expect(normaliseAddress('a192.0.2.1:80')).toBe('a192.0.2.1:80');
    expect(normaliseAddress('192.0.2.1:80/x')).toBe('192.0.2.1:80/x');
  });
});

describe('TRUSTED_PROXIES entries at the edges', () => {
  it('refuses prefixes outside the family and text around the range', () => {
    expect(proxyEntryProblem('10.0.0.0/33')).toBeDefined();
    expect(proxyEntryProblem('2001:db8::/129')).toBeDefined();
    expect(proxyEntryProblem('::ffff:10.0.0.0/95')).toBeDefined();
    expect(proxyEntryProblem('/10.0.0.0/8')).toBeDefined();
    expect(proxyEntryProblem(' 10.0.0.1 ')).toBeUndefined();
    expect(proxyEntryProblem('10.0.0.0/8')).toBeUndefined();
  });

  it('compiles each list afresh: ranges, spaces and unusable entries', () => {
    const list = new ProxyList(['junk', ' 10.0.0.0/8 ', '::ffff:192.168.0.0/112']);
    expect(list.has('10.200.3.4')).toBe(true);
    expect(list.has(' 10.0.0.1 ')).toBe(true);
    expect(list.has('192.168.7.7')).toBe(true);
    expect(list.has('192.169.0.1')).toBe(false);
    expect(list.has('11.0.0.1')).toBe(false);
  });

  it('takes a compiled list as it is, and never answers from a list it was given before', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.9', new ProxyList(['10.0.0.1']))).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '203.0.113.9', ['10.0.0.1'])).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '203.0.113.9', ['10.0.0.2'])).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.2', '203.0.113.9', ['10.0.0.2'])).toBe('203.0.113.9');
  });

  it('trims the hops of X-Forwarded-For and reads only the first X-Forwarded-Proto', () => {
    expect(clientAddress('10.0.0.1', '198.51.100.1,   203.0.113.9  ', ['10.0.0.1'])).toBe('203.0.113.9');
    const url = new URL('http://pursebop.example/');
    expect(clientUsedHttps(url, '10.0.0.1', 'https, http', ['10.0.0.1'])).toBe(true);
    expect(clientUsedHttps(url, '10.0.0.1', 'http, https', ['10.0.0.1'])).toBe(false);
    expect(clientUsedHttps(url, '10.0.0.1', ' HTTPS ,http', ['10.0.0.1'])).toBe(true);
  });

  it('skips empty hops a proxy chain leaves behind', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.9, ', ['10.0.0.1'])).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '203.0.113.9,,', ['10.0.0.1'])).toBe('203.0.113.9');
  });

  it('takes an IPv4-mapped proxy address without a prefix as that one address', () => {
    expect(proxyEntryProblem('::ffff:10.0.0.1')).toBeUndefined();
    expect(new ProxyList(['::ffff:10.0.0.1']).has('10.0.0.1')).toBe(true);
  });
});
