import { describe, expect, it } from 'vitest';
import { commentHtmlToMarkdown, matchLetter } from '../../../src/lib/comment-html';

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
  });
  it('decodes numeric and typographic entities', () => {
    expect(commentHtmlToMarkdown('It&#8217;s &mdash; &#x263A;')).toBe('It’s — ☺');
  });
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
});
