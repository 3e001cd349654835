import { describe, expect, it } from 'vitest';
import { renderReplyMarkdown } from '../../../../src/server/replies/markdown';
import { xssPayloads } from '../../../fixtures/xss-payloads';

const allowed: Record<string, readonly string[]> = {
  p: [],
  br: [],
  em: [],
  strong: [],
  a: ['href', 'rel'],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  code: [],
  pre: [],
};

/** Entities decoded the way a browser would before it looks at a URL scheme. */
function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&amp;/g, '&');
}

/** Every tag and attribute a browser would see in `html`, checked against the allow-list. */
function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  for (const tag of html.matchAll(/<\/?([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    const name = (tag[1] ?? '').toLowerCase();
    const attrs = allowed[name];
    if (!attrs) {
      problems.push(`tag <${name}>`);
      continue;
    }
    for (const attr of (tag[2] ?? '').matchAll(/([^\s=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const attrName = (attr[1] ?? '').toLowerCase();
      if (!attrs.includes(attrName)) problems.push(`attribute ${attrName} on <${name}>`);
      if (attrName === 'href') {
        const url = decode((attr[2] ?? '').replace(/^["']|["']$/g, '')).replace(/[\s\p{Cc}]/gu, '');
        if (!/^(https?:\/\/|mailto:)/i.test(url)) problems.push(`href ${url}`);
      }
    }
  }
  return problems;
}

describe('renderReplyMarkdown: the Markdown subset', () => {
  it('renders paragraphs, emphasis, lists, quotes and code', () => {
    const html = renderReplyMarkdown(
      'One *soft* and **strong**.\n\nTwo\n\n- a\n- b\n\n1. first\n2. second\n\n> quoted\n\nUse `conditioner`.\n\n```\nno <b>html</b>\n```',
    );
    expect(html).toContain('<p>One <em>soft</em> and <strong>strong</strong>.</p>');
    expect(html).toContain('<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
    expect(html).toContain('<ol>\n<li>first</li>');
    expect(html).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
    expect(html).toContain('<code>conditioner</code>');
    expect(html).toContain('<pre><code>no &lt;b&gt;html&lt;/b&gt;\n</code></pre>');
  });

  it('makes links (written and bare) with rel="nofollow ugc noopener"', () => {
    expect(renderReplyMarkdown('[care guide](https://example.com/care)')).toBe(
      '<p><a href="https://example.com/care" rel="nofollow ugc noopener">care guide</a></p>',
    );
    expect(renderReplyMarkdown('see https://example.com')).toContain(
      '<a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a>',
    );
    expect(renderReplyMarkdown('[write](mailto:sa@example.com)')).toContain('href="mailto:sa@example.com"');
  });

  it('links only to http, https and mailto addresses, whatever follows in the address', () => {
    // A relative address is not a link, even when a link-like text sits further in.
    expect(renderReplyMarkdown('[guide](/letters/care?next=https://example.com)')).not.toContain('href="/letters');
    expect(renderReplyMarkdown('[guide](/go/http:care)')).not.toContain('<a');
    expect(renderReplyMarkdown('[guide](letters/care)')).not.toContain('<a');
    expect(renderReplyMarkdown('[call](tel:12345)')).not.toContain('<a');
    expect(renderReplyMarkdown('[x](HTTPS://example.com/Care)')).toContain('<a href="HTTPS://example.com/Care"');
  });

  it('leaves headings, tables and images as plain text', () => {
    const html = renderReplyMarkdown('# Big\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![bag](https://img.example/b.png)');
    expect(html).not.toMatch(/<h1|<table|<img/);
    expect(html).toContain('# Big');
  });

  it('shows raw HTML as text instead of markup', () => {
    expect(renderReplyMarkdown('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>');
  });

  it('keeps an attacker-supplied rel from replacing ours', () => {
    expect(renderReplyMarkdown('[x](https://a.example)')).not.toContain('rel="opener"');
  });
});

describe('renderReplyMarkdown against XSS payloads', () => {
  it('has at least 50 payloads', () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(50);
  });

  it.each(xssPayloads.map((p) => [p]))('neutralises %s', (payload) => {
    const html = renderReplyMarkdown(payload);
    expect(unsafeParts(html)).toEqual([]);
  });

  it('the checker itself flags unsafe markup', () => {
    expect(unsafeParts('<img src=x onerror=alert(1)>')).toContain('tag <img>');
    expect(unsafeParts('<a href="jav&#x09;ascript:alert(1)">x</a>')).toContain('href javascript:alert(1)');
    expect(unsafeParts('<p onclick="x">y</p>')).toContain('attribute onclick on <p>');
  });
});
