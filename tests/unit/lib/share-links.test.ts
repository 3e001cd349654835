import { describe, expect, it } from 'vitest';
import { shareLinks } from '../../../src/lib/share-links';

describe('shareLinks', () => {
  const links = shareLinks('https://example.org/letters/a-b/', 'Is this “real” & fair?');
  it('offers email, X, Facebook and the permalink as plain URLs', () => {
    expect(links.map((l) => l.label)).toEqual(['Email', 'X (Twitter)', 'Facebook', 'Permalink']);
    expect(links[3]?.href).toBe('https://example.org/letters/a-b/');
  });
  it('encodes the URL and headline so they survive as query values', () => {
    const x = new URL(links[1]?.href ?? '');
    expect(x.searchParams.get('url')).toBe('https://example.org/letters/a-b/');
    expect(x.searchParams.get('text')).toBe('Is this “real” & fair?');
    expect(links[0]?.href).toMatch(/^mailto:\?subject=Is%20this/);
  });
});
