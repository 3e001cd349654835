import { describe, expect, it } from 'vitest';
import { resetConfig } from '../../../src/server/config';
import { freshServerModule } from './fresh-server-module';
import {
  MAX_FILL_MS,
  MIN_FILL_MS,
  checkFormStamp,
  contentFingerprint,
  countLinks,
  findBlockedWord,
  honeypotTripped,
  issueFormStamp,
} from '../../../src/server/spam';

describe('form stamps', () => {
  const t0 = 1_800_000_000_000;

  it('refuses a form sent too fast or too late, and accepts one in between', () => {
    const stamp = issueFormStamp(t0);
    expect(checkFormStamp(stamp, t0)).toBe('too-fast');
    expect(checkFormStamp(stamp, t0 + MIN_FILL_MS - 1)).toBe('too-fast');
    expect(checkFormStamp(stamp, t0 + MIN_FILL_MS)).toBe('ok');
    expect(checkFormStamp(stamp, t0 + MAX_FILL_MS)).toBe('ok');
    expect(checkFormStamp(stamp, t0 + MAX_FILL_MS + 1)).toBe('stale');
    expect(checkFormStamp(stamp, t0 + 500, 500)).toBe('ok');
  });

  it('refuses a stamp that was forged, edited or is missing', () => {
    const stamp = issueFormStamp(t0);
    const [time, nonce, signature] = stamp.split('.');
    expect(checkFormStamp(undefined, t0 + MIN_FILL_MS)).toBe('invalid');
    expect(checkFormStamp('', t0 + MIN_FILL_MS)).toBe('invalid');
    // Backdating the time to skip the wait breaks the signature.
    expect(checkFormStamp(`${String(t0 - MIN_FILL_MS)}.${nonce}.${signature}`, t0)).toBe('invalid');
    expect(checkFormStamp(`${time}.${'A'.repeat(16)}.${signature}`, t0 + MIN_FILL_MS)).toBe('invalid');
    expect(checkFormStamp(`${time}.${nonce}.${'A'.repeat(43)}`, t0 + MIN_FILL_MS)).toBe('invalid');
    expect(checkFormStamp(`${stamp}.extra`, t0 + MIN_FILL_MS)).toBe('invalid');
    expect(checkFormStamp(`x${stamp}`, t0 + MIN_FILL_MS)).toBe('invalid');
  });

  it('refuses a stamp signed under a secret the site no longer has, even the one it read last', () => {
    const before = process.env.SITE_SECRET;
    try {
      process.env.SITE_SECRET = 'the-secret-before-rotation-0123456789abcdef';
      resetConfig();
      const stamp = issueFormStamp(t0);
      expect(checkFormStamp(stamp, t0 + MIN_FILL_MS)).toBe('ok');
      process.env.SITE_SECRET = 'the-secret-after-rotation-fedcba9876543210';
      resetConfig();
      expect(checkFormStamp(stamp, t0 + MIN_FILL_MS)).toBe('invalid');
      expect(checkFormStamp(issueFormStamp(t0), t0 + MIN_FILL_MS)).toBe('ok');
    } finally {
      if (before === undefined) delete process.env.SITE_SECRET;
      else process.env.SITE_SECRET = before;
      resetConfig();
    }
  });

  it('on a fresh server: a missing first stamp is refused without failing, and a form may take up to a day', async () => {
    // A fresh copy of this module alone, as a server just started has it; the rest stays as loaded.
    const fresh = await freshServerModule(() => import('../../../src/server/spam'));
    expect(fresh.checkFormStamp).not.toBe(checkFormStamp);
    expect(fresh.checkFormStamp(undefined, t0)).toBe('invalid');
    expect(fresh.checkFormStamp(undefined, t0)).toBe('invalid');
    const hour = 60 * 60 * 1000;
    const stamp = fresh.issueFormStamp(t0);
    expect(fresh.checkFormStamp(stamp, t0 + 23 * hour)).toBe('ok');
    expect(fresh.checkFormStamp(stamp, t0 + 25 * hour)).toBe('stale');
  });

  it('gives every form its own stamp', () => {
    expect(issueFormStamp(t0)).not.toBe(issueFormStamp(t0));
  });
});

describe('honeypotTripped', () => {
  it('trips on any visible value only', () => {
    expect(honeypotTripped(undefined)).toBe(false);
    expect(honeypotTripped(null)).toBe(false);
    expect(honeypotTripped('')).toBe(false);
    expect(honeypotTripped(' \n\t')).toBe(false);
    expect(honeypotTripped('x')).toBe(true);
    expect(honeypotTripped('  http://spam.example ')).toBe(true);
  });
});

describe('countLinks', () => {
  it('counts bare, Markdown and mail links, and nothing else', () => {
    expect(countLinks('No links, just a bag from Paris.')).toBe(0);
    expect(countLinks('See https://a.example/x and HTTP://B.EXAMPLE and www.c.example.')).toBe(3);
    expect(countLinks('[my shop](https://shop.example/bags) or <http://other.example>')).toBe(2);
    expect(countLinks('write to mailto:me@example.com')).toBe(1);
    expect(countLinks('ftp://old.example is not counted')).toBe(0);
  });
});

describe('findBlockedWord', () => {
  const words = ['replica', 'c++', 'cheap bags'];

  it('finds a blocked word or phrase as a whole word, whatever its case', () => {
    expect(findBlockedWord('Is this a REPLICA?', words)).toBe('replica');
    expect(findBlockedWord('replica', words)).toBe('replica');
    expect(findBlockedWord('buy cheap bags now', words)).toBe('cheap bags');
    expect(findBlockedWord('I code in c++ daily', words)).toBe('c++');
  });

  it('leaves longer words and look-alike text alone', () => {
    expect(findBlockedWord('replicas and replicated', words)).toBeUndefined();
    expect(findBlockedWord('préreplica', words)).toBeUndefined();
    expect(findBlockedWord('I code in cxx daily', words)).toBeUndefined();
    expect(findBlockedWord('cheap  bags', words)).toBeUndefined();
    expect(findBlockedWord('anything', [])).toBeUndefined();
  });
});

describe('contentFingerprint', () => {
  it('is the same modulo case, spacing and compatibility forms, and differs otherwise', () => {
    const base = contentFingerprint('My first bag');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(contentFingerprint('  MY   first\n\tBAG ')).toBe(base);
    expect(contentFingerprint('Ｍｙ ｆｉｒｓｔ ｂａｇ')).toBe(base);
    expect(contentFingerprint('My first bags')).not.toBe(base);
    expect(contentFingerprint('Myfirst bag')).not.toBe(base);
  });
});

describe('countLinks and findBlockedWord, edge cases', () => {
  it('counts a link whose path or query looks like another link once', () => {
    expect(countLinks('see https://shop.example/www.bags-for-sale')).toBe(1);
    expect(countLinks('write mailto:ed@x.example?body=mailto:jo')).toBe(1);
  });

  it('takes a blocked word literally, punctuation included', () => {
    expect(findBlockedWord('c is a letter', ['c++'])).toBeUndefined();
    expect(findBlockedWord('I love c++ a lot', ['c++'])).toBe('c++');
    expect(findBlockedWord('cheap (replica) bags', ['(replica)'])).toBe('(replica)');
    expect(findBlockedWord('a replica bag', ['(replica)'])).toBeUndefined();
  });
});
