import { parseCookie } from 'cookie';
import { describe, expect, it } from 'vitest';
import { cookieValue } from '../../../../src/server/replies/create-post';

/** A cookie as Astro's `cookies.get(name).value` reads it: its parser, undecoded, then decodeURIComponent if it can. */
function astroReads(header: string, name: string): string | undefined {
  const raw = parseCookie(header, { decode: (value) => value })[name];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

describe('cookieValue', () => {
  const NAME = 'pursebop_author';
  const headers = [
    'pursebop_author=abc.def',
    'other=1; pursebop_author=abc.def; third=3',
    'pursebop_author="abc.def"',
    '\u00a0pursebop_author=z',
    'pursebop_author=\u00a0z\u00a0',
    '\tpursebop_author\t=\t tabbed \t',
    'pursebop_author=first; pursebop_author=second',
    'pursebop_author=%E2%9C%93',
    'pursebop_author=%E2%9C',
    'broken; pursebop_author=after-a-part-without-equals',
    'pursebop_author',
    'pursebop_author=',
    'pursebop_authorx=1; xpursebop_author=2',
    'a=b=c; pursebop_author=x=y',
    '',
  ];

  it.each(headers)('reads %j as Astro does', (header) => {
    expect(cookieValue(header, NAME)).toBe(astroReads(header, NAME));
  });

  it('keeps the quotes of a quoted value, so a key Astro would refuse is refused here too', () => {
    expect(cookieValue('pursebop_author="K"', NAME)).toBe('"K"');
  });
});
