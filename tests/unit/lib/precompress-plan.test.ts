import { describe, expect, it } from 'vitest';
import { chooseEncoding, shouldPrecompress } from '../../../src/lib/precompress-plan';

describe('shouldPrecompress', () => {
  it('takes scripts and stylesheets from the asset and search folders', () => {
    expect(shouldPrecompress('_astro/Replies.abc.js', 5000)).toBe(true);
    expect(shouldPrecompress('pagefind/pagefind.js', 47000)).toBe(true);
    expect(shouldPrecompress('_astro/site.css', 4000)).toBe(true);
  });
  it('leaves pages, tiny files and already-compressed index files alone', () => {
    expect(shouldPrecompress('letters/rain-spots/index.html', 30000)).toBe(false);
    expect(shouldPrecompress('_astro/tiny.js', 1023)).toBe(false);
    expect(shouldPrecompress('pagefind/fragment/en_1.pf_fragment', 9000)).toBe(false);
    expect(shouldPrecompress('og/rain-spots.png', 90000)).toBe(false);
  });
});

describe('chooseEncoding', () => {
  const both = { br: true, gzip: true };
  it('prefers brotli, then gzip', () => {
    expect(chooseEncoding('gzip, deflate, br', both)).toBe('br');
    expect(chooseEncoding('gzip', both)).toBe('gzip');
    expect(chooseEncoding('br', { br: false, gzip: true })).toBeUndefined();
    expect(chooseEncoding('*', both)).toBe('gzip');
  });
  it('honours refusals and missing headers', () => {
    expect(chooseEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(chooseEncoding('gzip;q=0', both)).toBeUndefined();
    expect(chooseEncoding(undefined, both)).toBeUndefined();
    expect(chooseEncoding('identity', both)).toBeUndefined();
  });
});

describe('precompress edges', () => {
  it('precompresses from exactly the minimum size', () => {
    expect(shouldPrecompress('_astro/a.js', 1024)).toBe(true);
    expect(shouldPrecompress('_astro/a.js', 1023)).toBe(false);
  });

  it('reads Accept-Encoding the way browsers and proxies write it', () => {
    const both = { br: true, gzip: true };
    expect(chooseEncoding('gzip, BR', both)).toBe('br');
    expect(chooseEncoding('br ;q=1', both)).toBe('br');
    expect(chooseEncoding('br;q=0.5', both)).toBe('br');
    expect(chooseEncoding('br; q=0, gzip', both)).toBe('gzip');
    expect(chooseEncoding('br;q=0.000, gzip', both)).toBe('gzip');
    // A refusal in capitals, or with a space before the comma, is still a refusal.
    expect(chooseEncoding('BR;Q=0, gzip', both)).toBe('gzip');
    expect(chooseEncoding('br;q=0 , gzip', both)).toBe('gzip');
    expect(chooseEncoding(undefined, both)).toBeUndefined();
  });
});
