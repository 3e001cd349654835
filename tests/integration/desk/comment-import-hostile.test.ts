import { afterAll, expect, it } from 'vitest';
import { importComments, MAX_COMMENT_HTML, readDisqus, readWxr } from '../../../src/server/data/comment-import';
import type { ReplyRow } from '../../../src/server/replies/repository';
import { describeEachDb } from '../db-harness';

const LETTERS = new Set(['my-sa-left', 'rain-spots']);

function comment(id: number, content: string, extra = ''): string {
  return `<wp:comment>
        <wp:comment_id>${String(id)}</wp:comment_id>
        <wp:comment_author><![CDATA[Reader ${String(id)}]]></wp:comment_author>
        <wp:comment_date_gmt>2022-06-09 08:${String(10 + id).padStart(2, '0')}:00</wp:comment_date_gmt>
        <wp:comment_content><![CDATA[${content}]]></wp:comment_content>
        <wp:comment_approved>1</wp:comment_approved>
        <wp:comment_parent>0</wp:comment_parent>${extra}
      </wp:comment>`;
}

function wxr(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
  <channel>${items.join('\n')}</channel>
</rss>`;
}

function item(link: string, comments: string[]): string {
  return `<item><link>${link}</link>${comments.join('\n')}</item>`;
}

describeEachDb('importing hostile comments', (target) => {
  afterAll(() => target.cleanup());

  it('imports the good comments and reports each bad one as a skip, never aborting', async () => {
    const xml = wxr([
      item('https://old.example/2022/06/08/my-sa-left/', [
        comment(1, '<p>A fine comment.</p>'),
        comment(2, 'Odd entity &#99999999; and &#xD800; here'),
        comment(3, '<a href=https://x.a>w '.repeat(4000)),
        comment(4, `<p>${'x'.repeat(MAX_COMMENT_HTML)}</p>`),
        comment(5, '<script>alert(1)</script><img src=x onerror=alert(1)>'),
        comment(6, 'A date nobody can read').replace('2022-06-09 08:16:00', 'yesterday-ish'),
        comment(7, 'From a stranger', '<wp:comment_author_email>not an address</wp:comment_author_email>'),
      ]),
      item('https://old.example/%E0%A4%A/rain-spots/', [comment(8, 'On a link with a broken escape.')]),
      item('https://old.example/%E0%A4%A/', [comment(9, 'Nowhere to go.')]),
    ]);
    const db = await target.open();
    const report = await importComments(db, 'wxr', readWxr(xml), LETTERS);
    expect(report.imported).toBe(5);
    expect(report.skipped).toEqual([
      { sourceId: '6', reason: 'unreadable date "yesterday-ish"' },
      { sourceId: '4', reason: `longer than ${String(MAX_COMMENT_HTML)} characters` },
      { sourceId: '5', reason: 'empty comment' },
    ]);
    expect(report.unmatched).toEqual([{ sourceId: '9', thread: 'https://old.example/%E0%A4%A/' }]);

    const rows = await db.all<ReplyRow>('SELECT * FROM replies ORDER BY id');
    const by = (name: string) => rows.find((r) => r.author_name === name);
    expect(by('Reader 2')?.body_markdown).toBe('Odd entity \ufffd and \ufffd here');
    expect(by('Reader 3')?.body_markdown.startsWith('[w w w')).toBe(true);
    expect(by('Reader 3')?.body_html).not.toMatch(/<a [^>]*>[^<]*<a /);
    expect(by('Reader 7')?.author_email).toBeNull();
    expect(by('Reader 8')?.letter_id).toBe('rain-spots');
    for (const row of rows) expect(row.body_html).not.toMatch(/<script|<img|onerror/);
  });

  it('reads a Disqus post with an unreadable date as a reported skip', async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="t1"><link>https://pursebop.example/letters/my-sa-left/</link></thread>
  <post dsq:id="p1"><message><![CDATA[<p>Good one</p>]]></message><createdAt>2023-01-01T10:00:00Z</createdAt>
    <author><name>Ana</name></author><thread dsq:id="t1"/></post>
  <post dsq:id="p2"><message><![CDATA[<p>Bad date</p>]]></message><createdAt>not a date</createdAt>
    <author><name>Bo</name></author><thread dsq:id="t1"/></post>
</disqus>`;
    const report = await importComments(await target.open(), 'disqus', readDisqus(xml), LETTERS);
    expect(report).toMatchObject({
      imported: 1,
      skipped: [{ sourceId: 'p2', reason: 'unreadable date "not a date"' }],
    });
  });
});
