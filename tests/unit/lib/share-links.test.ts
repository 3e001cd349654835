import { describe, expect, it } from 'vitest';
import { shareLinks } from '../../../src/lib/share-links';

// Built inside each test, so the mutation run sees which tests read it.
const sample = () => shareLinks('https://example.org/letters/a-b/', 'Is this “real” & fair?');

describe('shareLinks', () => {
  it('offers email, X, Facebook and the permalink as plain URLs', () => {
    const links = sample();
    expect(links.map((l) => l.label)).toEqual(['Email', 'X (Twitter)', 'Facebook', 'Permalink']);
    expect(links[3]?.href).toBe('https://example.org/letters/a-b/');
  });

  it('encodes the URL and headline so they survive as query values', () => {
    const links = sample();
    const x = new URL(links[1]?.href ?? '');
    expect(x.origin + x.pathname).toBe('https://twitter.com/intent/tweet');
    expect(x.searchParams.get('url')).toBe('https://example.org/letters/a-b/');
    expect(x.searchParams.get('text')).toBe('Is this “real” & fair?');
    const facebook = new URL(links[2]?.href ?? '');
    expect(facebook.origin + facebook.pathname).toBe('https://www.facebook.com/sharer/sharer.php');
    expect(facebook.searchParams.get('u')).toBe('https://example.org/letters/a-b/');
  });

  it('fills in the subject and body of the email', () => {
    const mail = sample()[0]?.href ?? '';
    expect(mail).toMatch(/^mailto:\?/);
    const query = new URLSearchParams(mail.slice('mailto:?'.length));
    expect(query.get('subject')).toBe('Is this “real” & fair?');
    expect(query.get('body')).toBe('https://example.org/letters/a-b/');
  });
});
