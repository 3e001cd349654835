import { describe, expect, it, vi } from 'vitest';
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

/**
 * A copy of the module loaded inside the test, so that the parser set-up and the allow-list (built when the
 * module loads) run where the mutation run sees them; otherwise it counts them as static and never tests them.
 */
async function freshMarkdown() {
  vi.resetModules();
  return import('../../../../src/server/replies/markdown');
}

describe('the parser and the allow-list as set up when the module loads', () => {
  it('turn on only the Markdown subset, with numbered lists, code blocks, hard breaks and entities', async () => {
    const { renderReplyMarkdown } = await freshMarkdown();
    expect(
      renderReplyMarkdown(
        '1. a\n2. b\n\n3) c\n\n* x\n\n```js\ncode\n```\n\n    indented\n\nline\nbreak\\\nhard &amp; &copy; \\*',
      ),
    ).toBe(
      '<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n<ol start="3">\n<li>c</li>\n</ol>\n<ul>\n<li>x</li>\n</ul>\n' +
        '<pre><code>code\n</code></pre>\n<pre><code>indented\n</code></pre>\n<p>line\nbreak<br />\nhard &amp; © *</p>',
    );
    expect(renderReplyMarkdown('# Big\n\n![bag](https://img.example/b.png) <b>x</b>')).toBe(
      '<p># Big</p>\n<p>!<a href="https://img.example/b.png" rel="nofollow ugc noopener">bag</a> &lt;b&gt;x&lt;/b&gt;</p>',
    );
    expect(renderReplyMarkdown('*soft*, **strong** and `code`\n\n> quoted [plain](http://example.com/a)')).toBe(
      '<p><em>soft</em>, <strong>strong</strong> and <code>code</code></p>\n<blockquote>\n<p>quoted ' +
        '<a href="http://example.com/a" rel="nofollow ugc noopener">plain</a></p>\n</blockquote>',
    );
    expect(renderReplyMarkdown('see https://example.com and [mail](mailto:a@example.com)')).toBe(
      '<p>see <a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a> and ' +
        '<a href="mailto:a@example.com" rel="nofollow ugc noopener">mail</a></p>',
    );
  });

  it('keep only allowed tags, attributes and link schemes in HTML that did not come from the parser', async () => {
    const { sanitizeReplyHtml } = await freshMarkdown();
    expect(
      sanitizeReplyHtml(
        '<p onclick="x">a</p><img src=x><a href="javascript:alert(1)">j</a> <a href="//evil.example/x">p</a> ' +
          '<a href="https://ok.example" rel="opener" target="_blank">ok</a><ol start="3" type="a"><li>x</li></ol>' +
          '<script>alert(1)</script><svg><circle/></svg>',
      ),
    ).toBe(
      '<p>a</p>&lt;img /&gt;<a rel="nofollow ugc noopener">j</a> <a rel="nofollow ugc noopener">p</a> ' +
        '<a href="https://ok.example" rel="nofollow ugc noopener">ok</a><ol start="3"><li>x</li></ol>' +
        '&lt;script&gt;alert(1)&lt;/script&gt;&lt;svg&gt;&lt;circle&gt;&lt;/svg&gt;',
    );
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
