import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { commentHtmlToMarkdown, matchLetter, type WorkMeter } from '../../../src/lib/comment-html';
import { renderReplyMarkdown } from '../../../src/server/replies/markdown';

describe('commentHtmlToMarkdown', () => {
  it('keeps paragraphs, emphasis, links and line breaks', () => {
    expect(
      commentHtmlToMarkdown(
        '<p>One &amp; <strong>two</strong></p><p><em>Three</em><br/>see <a href="https://x.example/a">here</a></p>',
      ),
    ).toBe('One & **two**\n\n*Three*  \nsee [here](https://x.example/a)');
  });
  it('drops links that are not http(s) to their text and strips unknown tags', () => {
    expect(commentHtmlToMarkdown('<a href="javascript:alert(1)">click</a> <span style="x">plain</span>')).toBe(
      'click plain',
    );
  });
  it('turns quotes and lists into Markdown', () => {
    expect(commentHtmlToMarkdown('<blockquote><p>quoted</p></blockquote><ul><li>a</li><li>b</li></ul>')).toBe(
      '> quoted\n\n- a\n- b',
    );
    expect(commentHtmlToMarkdown('<blockquote><p>one</p><p>two</p><blockquote>deep</blockquote></blockquote>end')).toBe(
      '> one\n>\n> two\n>\n> > deep\n\nend',
    );
  });
  it('decodes numeric and typographic entities', () => {
    expect(commentHtmlToMarkdown('It&#8217;s &mdash; &#x263A;')).toBe('It’s — ☺');
  });
  it('turns entities no character has into U+FFFD instead of throwing', () => {
    expect(commentHtmlToMarkdown('a &#99999999; b &#xD800; c &#0; d')).toBe('a \ufffd b \ufffd c \ufffd d');
  });
  it('keeps the commenter’s text as text: Markdown and escaped HTML in it stay literal', () => {
    expect(commentHtmlToMarkdown('1. not a list, *not emphasis*, [not](a link) &amp;lt;b&amp;gt; C:\\{x}')).toBe(
      '1\\. not a list, \\*not emphasis\\*, \\[not\\](a link) \\&lt;b\\&gt; C:\\\\{x}',
    );
    expect(commentHtmlToMarkdown('<p>- dash</p><p>+ plus</p><p># hash</p>')).toBe('\\- dash\n\n\\+ plus\n\n\\# hash');
  });
  it('drops scripts and styles with their content', () => {
    expect(commentHtmlToMarkdown('before<script>alert(1)</script><style>p{}</style> after')).toBe('before after');
  });
  it('writes code as a code span that its own backticks cannot end', () => {
    expect(commentHtmlToMarkdown('run <code>a `b` c</code> now')).toBe('run ``a `b` c`` now');
  });
  it('keeps a link target with brackets and parentheses intact', () => {
    const md = commentHtmlToMarkdown('<a href="https://a.example/x_(1)?q=[2]">the page</a>');
    expect(md).toBe('[the page](https://a.example/x%5F%281%29?q=%5B2%5D)');
    expect(renderReplyMarkdown(md)).toContain('href="https://a.example/x%5F%281%29?q=%5B2%5D"');
  });
});

describe('commentHtmlToMarkdown, links and marks in detail', () => {
  it('keeps http links as well as https, and reads a target past surrounding spaces', () => {
    expect(commentHtmlToMarkdown('<a href="http://old.example/a">old</a>')).toBe('[old](http://old.example/a)');
    expect(commentHtmlToMarkdown('<a href="  https://x.example/a  ">x</a>')).toBe('[x](https://x.example/a)');
    expect(commentHtmlToMarkdown('<a href="HTTPS://X.example/a">x</a>')).toBe('[x](https://x.example/a)');
  });

  it('decodes entities in a link target', () => {
    expect(commentHtmlToMarkdown('<a href="https://x.example/?a=1&amp;b=2&#38;c=3">x</a>')).toBe(
      '[x](https://x.example/?a=1&b=2&c=3)',
    );
  });

  it('drops a link target that is empty, unparsable, relative or longer than 2,000 characters, keeping the text', () => {
    const at = (length: number) => `https://x.example/${'a'.repeat(length - 'https://x.example/'.length)}`;
    expect(commentHtmlToMarkdown(`<a href="${at(2000)}">long</a>`)).toBe(`[long](${at(2000)})`);
    expect(commentHtmlToMarkdown(`<a href="${at(2001)}">too long</a>`)).toBe('too long');
    expect(commentHtmlToMarkdown(`<a href="${at(1990)}&amp;b=${'c'.repeat(40)}">too long</a>`)).toBe('too long');
    expect(commentHtmlToMarkdown('<a href="https://[::1">broken</a>')).toBe('broken');
    expect(commentHtmlToMarkdown('<a href="">empty</a>')).toBe('empty');
    expect(commentHtmlToMarkdown('<a href="/letters/a/">relative</a>')).toBe('relative');
    expect(commentHtmlToMarkdown('<a href="data:text/html,https://x.example/">data</a>')).toBe('data');
  });

  it('keeps the spaces around emphasis outside its marks', () => {
    expect(commentHtmlToMarkdown('a<b> bold </b>c')).toBe('a **bold** c');
    expect(commentHtmlToMarkdown('a<b> <i> both</i></b>')).toBe('a  ***both***');
  });

  it('escapes only a number that starts a line, whatever its length', () => {
    expect(commentHtmlToMarkdown('12. not a list')).toBe('12\\. not a list');
    expect(commentHtmlToMarkdown('<p>3) nor this</p>')).toBe('3\\) nor this');
    expect(commentHtmlToMarkdown('version 2. is out')).toBe('version 2. is out');
  });
});

describe('commentHtmlToMarkdown, line endings and whitespace', () => {
  it('reads Windows and old Mac line endings without garbling the text after them', () => {
    const html =
      '<p>First line\r\nsecond line</p>\r\n<p>Visit <a href="https://x.example/page">my blog</a> and <b>bold</b> words</p>';
    expect(commentHtmlToMarkdown(html)).toBe(
      'First line second line\n\nVisit [my blog](https://x.example/page) and **bold** words',
    );
    expect(commentHtmlToMarkdown('a\r\n\r\n<b>bold</b>\rend')).toBe('a **bold** end');
  });

  it('collapses each run of whitespace in text to one space, as a browser shows it', () => {
    expect(commentHtmlToMarkdown('a   b\n\n\tc')).toBe('a b c');
  });

  it('keeps a comment that ends in a lone < or an entity without its semicolon', () => {
    expect(commentHtmlToMarkdown('less than <')).toBe('less than \\<');
    expect(commentHtmlToMarkdown('fish &amp')).toBe('fish &');
  });

  it('escapes a list marker after a line break even when spaces come first', () => {
    const md = commentHtmlToMarkdown('a<br> 1. b');
    expect(md).toBe('a  \n1\\. b');
    expect(renderReplyMarkdown(md)).not.toContain('<ol');
  });

  it('ends open emphasis at a line break and keeps the break', () => {
    expect(commentHtmlToMarkdown('<b>one<br>two</b>')).toBe('**one**  \ntwo');
  });
});

describe('commentHtmlToMarkdown, blocks and lists in loose HTML', () => {
  it('starts a new paragraph at a block start tag even when the text before it was never closed', () => {
    expect(commentHtmlToMarkdown('one<p>two')).toBe('one\n\ntwo');
    expect(commentHtmlToMarkdown('one<hr>two')).toBe('one\n\ntwo');
    expect(commentHtmlToMarkdown('one<div>two</div>three')).toBe('one\n\ntwo\n\nthree');
  });

  it('ends a paragraph at its end tag', () => {
    expect(commentHtmlToMarkdown('<p>one</p>two')).toBe('one\n\ntwo');
  });

  it('puts a quote that starts mid-paragraph in a block of its own', () => {
    expect(commentHtmlToMarkdown('before<blockquote>quoted</blockquote>after')).toBe('before\n\n> quoted\n\nafter');
  });

  it('separates items whose end tags are missing, and ends the last one with its list', () => {
    expect(commentHtmlToMarkdown('<ul><li>one<li>two</ul>after')).toBe('- one\n- two\n\nafter');
    expect(commentHtmlToMarkdown('<ol><li>one<li>two</ol>after')).toBe('- one\n- two\n\nafter');
  });

  it('does not add text after an item’s end tag, or loose in a list, to the item', () => {
    expect(commentHtmlToMarkdown('<li>one</li>after')).toBe('- one\n\nafter');
    expect(commentHtmlToMarkdown('<ul><li>one<ul>stray</ul></ul>')).toBe('- one\n\nstray');
    expect(commentHtmlToMarkdown('<ol><li>one<ol>stray</ol></ol>')).toBe('- one\n\nstray');
  });

  it('keeps every paragraph of an item in the list', () => {
    expect(commentHtmlToMarkdown('<ul><li><p>one</p><p>two</p></li></ul>')).toBe('- one\n- two');
  });

  it('sets a list apart from the paragraphs and quotes around it, so none runs into another', () => {
    const md = commentHtmlToMarkdown('<p>intro</p><ul><li>a</li><li>b</li></ul><p>after</p>');
    expect(md).toBe('intro\n\n- a\n- b\n\nafter');
    expect(renderReplyMarkdown(md)).toMatch(/<\/ul>\s*<p>after<\/p>/);
    expect(commentHtmlToMarkdown('<blockquote><ul><li>a</li></ul></blockquote><ul><li>b</li></ul>')).toBe(
      '> - a\n\n- b',
    );
  });
});

describe('commentHtmlToMarkdown, code', () => {
  it('pads code that starts or ends with a backtick so the backtick stays code', () => {
    expect(commentHtmlToMarkdown('<code>`start</code>')).toBe('`` `start ``');
    expect(commentHtmlToMarkdown('<code>end`</code>')).toBe('`` end` ``');
    expect(renderReplyMarkdown(commentHtmlToMarkdown('<code>`start</code>'))).toContain('<code>`start</code>');
  });

  it('drops markup inside code and keeps its text as written', () => {
    expect(commentHtmlToMarkdown('<code>a<b>*b*</b><a href="https://x.example/">c</a></code>')).toBe('`a*b*c`');
  });

  it('escapes the text after code again', () => {
    expect(commentHtmlToMarkdown('<code>x</code> and *this*')).toBe('`x` and \\*this\\*');
  });

  it('keeps code on one line: each run of whitespace in it, line breaks included, becomes one space', () => {
    expect(commentHtmlToMarkdown('<code>a \n\n  b</code>')).toBe('`a b`');
  });

  it('writes code holding only whitespace as a plain space', () => {
    expect(commentHtmlToMarkdown('a<code> </code>b')).toBe('a b');
  });
});

describe('commentHtmlToMarkdown, malformed markup and limits', () => {
  it('takes a link target from the href attribute only, and from the first one', () => {
    expect(commentHtmlToMarkdown('<a title="https://title.example/" href="https://x.example/">x</a>')).toBe(
      '[x](https://x.example/)',
    );
    expect(commentHtmlToMarkdown('<a href="https://first.example/" href="https://second.example/">x</a>')).toBe(
      '[x](https://first.example/)',
    );
  });

  it('keeps the outer link of nested links, with all their text', () => {
    expect(commentHtmlToMarkdown('<a href="https://one.example/">x<a href="https://two.example/">y</a>z</a>')).toBe(
      '[xyz](https://one.example/)',
    );
  });

  it('ignores an end tag that matches no open element', () => {
    expect(commentHtmlToMarkdown('<b>a</span>b</b>')).toBe('**ab**');
    expect(commentHtmlToMarkdown('a</i>b')).toBe('ab');
  });

  it('does not hide the text after a stray end tag of a skipped element', () => {
    expect(commentHtmlToMarkdown('one</script> two')).toBe('one two');
  });

  it('keeps marks nested 32 elements deep and reduces deeper ones to their text', () => {
    expect(commentHtmlToMarkdown(`${'<span>'.repeat(31)}<b>x</b>`)).toBe('**x**');
    expect(commentHtmlToMarkdown(`${'<span>'.repeat(32)}<b>x</b>`)).toBe('x');
  });

  it('does not count images, such as smileys, as nesting', () => {
    expect(commentHtmlToMarkdown(`${'<img src="smile.gif">'.repeat(40)}<b>x</b>`)).toBe('**x**');
  });
});

/** Markdown rendered with raw HTML switched *on*: anything tag-like the converter let through would show. */
const permissive = new MarkdownIt('commonmark', { html: true });
const ALLOWED_TAGS = new Set(['p', 'br', 'em', 'strong', 'a', 'ul', 'li', 'blockquote', 'code']);

function tagsIn(html: string): { name: string; attributes: string }[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)].map((m) => ({
    name: (m[1] ?? '').toLowerCase(),
    attributes: (m[2] ?? '').replace(/\/$/, '').trim(),
  }));
}

const FRAGMENTS = [
  '<p>',
  '</p>',
  '<a href="https://example.com/a">',
  '<a href="javascript:alert(1)">',
  "<a href='http://x.example/(y)'>",
  '<a href=https://e.example/%E0%A4%A>',
  '</a>',
  '<b>',
  '</b>',
  '<strong>',
  '<i>',
  '</em>',
  '<code>',
  '</code>',
  '<blockquote>',
  '</blockquote>',
  '<ul>',
  '<li>',
  '</li>',
  '</ul>',
  '<br>',
  '<br/>',
  '<script>alert(1)</script>',
  '<script>',
  '<style>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example">',
  '<!-- comment -->',
  '<!--',
  '<![CDATA[ x ]]>',
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;script&gt;',
  '&amp;lt;b&amp;gt;',
  '&#99999999;',
  '&#x110000;',
  '&#0;',
  '&#60;',
  '&nbsp;',
  '*',
  '**',
  '_',
  '`',
  '```',
  '[',
  '](javascript:x)',
  '\\',
  '1. ',
  '- ',
  '# ',
  '> ',
  '\n',
  '\n\n',
  ' ',
  '\t',
  'text',
  'https://linkify.example',
];

const commentHtml = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('commentHtmlToMarkdown on arbitrary input (property)', () => {
  it('never throws, and its Markdown holds no raw HTML even for a renderer that allows HTML', () => {
    fc.assert(
      fc.property(commentHtml, (html) => {
        const md = commentHtmlToMarkdown(html);
        for (const tag of tagsIn(permissive.render(md))) {
          expect(ALLOWED_TAGS).toContain(tag.name);
          expect(tag.attributes === '' || /^href="https?:\/\/[^"]*"$/.test(tag.attributes), tag.attributes).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives back plain text exactly, whatever Markdown it looks like', () => {
    const plain = fc
      .array(
        fc.oneof(
          fc.constantFrom('*', '**', '_', '`', '[', ']', '(', ')', '\\', '1. ', '- ', '+ ', '> ', '# ', '!', ':', '~'),
          fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
        ),
        { maxLength: 20 },
      )
      .map((parts) =>
        parts
          .join('')
          .replace(/[<&\s]+/g, ' ')
          .trim(),
      )
      .filter((text) => text.length > 0);
    fc.assert(
      fc.property(plain, (text) => {
        const html = renderReplyMarkdown(commentHtmlToMarkdown(`<p>${text}</p>`));
        const shown = html
          .replace(/<[^>]+>/g, '')
          .replace(
            /&(lt|gt|quot|amp|#39);/g,
            (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'" })[e] ?? '',
          );
        expect(shown.trim()).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('commentHtmlToMarkdown work', () => {
  function stepsFor(html: string): number {
    const meter: WorkMeter = { steps: 0 };
    commentHtmlToMarkdown(html, meter);
    return meter.steps;
  }

  it('finishes 4,000 unclosed links and keeps their text', () => {
    const md = commentHtmlToMarkdown('<a href="https://x.example/">word '.repeat(4000));
    expect(md.startsWith('[word')).toBe(true);
    expect(md.match(/word/g)).toHaveLength(4000);
  });

  it('counts every character of text at least three times (read, escaped, written) and every character of a link target once', () => {
    // A meter that missed a pass could not show that pass turning quadratic.
    const text = (n: number) => `<p>${'word '.repeat(n)}</p>`;
    expect(stepsFor(text(2000)) - stepsFor(text(1000))).toBeGreaterThanOrEqual(3 * 'word '.length * 1000);
    // Targets too long to keep, so the link's output is the same for both.
    const link = (n: number) => `<a href="https://x.example/${'a'.repeat(n)}">x</a>`;
    expect(stepsFor(link(5000)) - stepsFor(link(3000))).toBeGreaterThanOrEqual(2000);
  });

  const shapes: [string, (n: number) => string][] = [
    ['unclosed links', (n) => '<a href="https://x.example/">x'.repeat(n)],
    ['unclosed bold', (n) => '<b>x'.repeat(n)],
    ['opens then stray closes', (n) => `${'<i>'.repeat(n)}${'</b>'.repeat(n)}`],
    ['nested quotes', (n) => `${'<blockquote>'.repeat(n)}x${'</blockquote>'.repeat(n)}`],
    ['entities', (n) => '&#99999999;&amp;'.repeat(n)],
    ['code with backticks', (n) => `<code>${'`'.repeat(n)}</code>`],
  ];
  for (const [shape, make] of shapes) {
    it(`does work linear in the input for ${shape} (counted, not timed)`, () => {
      const small = make(1000);
      const large = make(8000);
      const perCharSmall = stepsFor(small) / small.length;
      const perCharLarge = stepsFor(large) / large.length;
      expect(perCharLarge).toBeLessThan(20);
      expect(perCharLarge).toBeLessThanOrEqual(perCharSmall * 1.1);
      // The meter counts the work at all: it grows with the input.
      expect(perCharSmall).toBeGreaterThan(0.2);
      expect(perCharLarge).toBeGreaterThan(0.2);
    });
  }
});

describe('matchLetter', () => {
  const known = new Set(['my-sa-left', 'rain-spots']);
  it('matches a slug, a /letters/ URL, a dated WordPress permalink, or a dated file name', () => {
    expect(matchLetter(['rain-spots'], known)).toBe('rain-spots');
    expect(matchLetter(['https://pursebop.example/letters/my-sa-left/?utm=1'], known)).toBe('my-sa-left');
    expect(matchLetter(['https://old.example/2022/06/08/my-sa-left/'], known)).toBe('my-sa-left');
    expect(matchLetter(['2022-09-21-rain-spots'], known)).toBe('rain-spots');
  });
  it('tries every hint and reports no match as undefined', () => {
    expect(matchLetter(['https://old.example/?p=3', 'rain-spots'], known)).toBe('rain-spots');
    expect(matchLetter(['https://old.example/about/', undefined, ''], known)).toBeUndefined();
  });
  it('matches a permalink ending in .html or .htm, or carrying a query or a fragment', () => {
    const letters = new Set(['my-sa-left', 'rain-spots']);
    expect(matchLetter(['https://old.example/2022/09/rain-spots.html'], letters)).toBe('rain-spots');
    expect(matchLetter(['https://old.example/rain-spots.htm'], letters)).toBe('rain-spots');
    expect(matchLetter(['https://old.example/my-sa-left#comments'], letters)).toBe('my-sa-left');
    expect(matchLetter(['https://old.example/my-sa-left?replytocom=5'], letters)).toBe('my-sa-left');
  });
  it('prefers the segment after /letters/, and otherwise the last segment, where permalinks put the slug', () => {
    const letters = new Set(['my-sa-left', 'rain-spots']);
    expect(matchLetter(['https://pursebop.example/letters/my-sa-left/rain-spots'], letters)).toBe('my-sa-left');
    expect(matchLetter(['https://old.example/rain-spots/my-sa-left/'], letters)).toBe('my-sa-left');
  });
  it('survives malformed percent-escapes in a link', () => {
    expect(matchLetter(['https://old.example/%E0%A4%A/', 'https://old.example/rain-spots/%E0%A4%A'], known)).toBe(
      'rain-spots',
    );
  });
});
