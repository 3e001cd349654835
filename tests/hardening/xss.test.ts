// Section 2: stored XSS. Every payload goes through every path that stores reader text
// (reply create and edit, desk edit, columnist reply, question, WordPress import); then
// every page that shows that text is loaded in Chromium, scripts running, and its live
// DOM is checked: reader content holds only allow-listed tags and attributes, links are
// http, https or mailto only, and no dialog ever opens.
import { chromium, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LETTER, OTHER_LETTER, send, signIn, Site, sleep, summary } from './harness';
import { hardeningPayloads } from './xss-payloads';

const EDITOR = 'xss@example.com';
const FILLER =
  'I would love to hear what the column thinks about this, because I have asked three different boutiques and each of them told me something else entirely, so I am now quite confused about it.';
let site: Site;
let browser: Browser;

/** Runs in the page: everything about its live DOM that reader text must never cause. */
function inspectDom(): string[] {
  const problems: string[] = [];
  const allowedTags = new Set(['P', 'BR', 'EM', 'STRONG', 'A', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'CODE', 'PRE']);
  const allowedAttributes: Record<string, string[]> = { A: ['href', 'rel'], OL: ['start'] };
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'srcset'];
  const describe = (el: Element) => `<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 120)}`;
  for (const el of Array.from(document.querySelectorAll('*'))) {
    if (['IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE', 'APPLET'].includes(el.tagName))
      problems.push(`element ${describe(el)}`);
    if (el.tagName === 'META' && /refresh/i.test(el.getAttribute('http-equiv') ?? ''))
      problems.push(`meta refresh ${describe(el)}`);
    if (el.tagName === 'SCRIPT' && /alert|child_process/.test(el.textContent)) problems.push(`script ${describe(el)}`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`event handler ${name} on ${describe(el)}`);
      if (name === 'srcdoc') problems.push(`srcdoc on ${describe(el)}`);
      if (urlAttributes.includes(name) && attr.value.trim() !== '') {
        let protocol: string;
        try {
          protocol = new URL(attr.value, location.href).protocol;
        } catch {
          // An unparsable URL goes nowhere.
          protocol = 'https:';
        }
        const imageData =
          protocol === 'data:' && el.tagName === 'IMG' && !el.closest('.reply-body, .body, .question-body');
        if (!['http:', 'https:', 'mailto:'].includes(protocol) && !imageData) {
          problems.push(`${name}=${attr.value.slice(0, 60)} on ${describe(el)}`);
        }
      }
    }
  }
  for (const box of Array.from(document.querySelectorAll('.reply-body, .reply-card .body, .question-body'))) {
    for (const el of Array.from(box.querySelectorAll('*'))) {
      if (!allowedTags.has(el.tagName)) problems.push(`tag outside the allow-list: ${describe(el)}`);
      const allowed = allowedAttributes[el.tagName] ?? [];
      for (const attr of Array.from(el.attributes)) {
        // Astro's scoping attributes come from the page's own template, never from reader text.
        if (!allowed.includes(attr.name) && !attr.name.startsWith('data-astro-cid-'))
          problems.push(`attribute ${attr.name} outside the allow-list: ${describe(el)}`);
      }
    }
  }
  return problems;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

describe('hardening 2: stored XSS', () => {
  const tokens: string[] = [];
  const replyIds: number[] = [];
  const questionTokens: string[] = [];
  const stored = { create: 0, edit: 0, deskEdit: 0, columnist: 0, question: 0, imported: 0 };

  beforeAll(async () => {
    site = await new Site({ section: 2, env: { RATE_LIMIT_SCALE: '1000', MODERATION_POLICY: 'publish' } }).create();
    site.addEditor(EDITOR);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser.close();
    await site.destroy();
  });

  it('stores every payload through every path', async () => {
    const payloads = hardeningPayloads;
    expect(payloads.length).toBeGreaterThanOrEqual(100);
    const stamps: string[] = [];
    for (let i = 0; i < payloads.length * 2; i++) stamps.push(await site.freshStamp());
    const questionStamps: string[] = [];
    for (const _ of payloads) {
      questionStamps.push(((await site.action('questions.stamp', {})).data as { stamp: string }).stamp);
    }
    await sleep(3_200);
    const desk = await signIn(site, EDITOR);
    const deskPost = (p: string, input: Record<string, string>) =>
      site.post(p, new URLSearchParams({ _csrf: desk.csrf, ...input }).toString(), {
        cookie: desk.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      });
    for (const [i, payload] of payloads.entries()) {
      const name = payload.slice(0, 60).trim() || 'x';
      // Straight in through the reply form.
      const a = await site.action('replies.create', {
        letterId: LETTER,
        name,
        body: `Payload ${String(i)} as posted\n\n${payload}`,
        stamp: stamps[2 * i],
      });
      if (a.status === 200) {
        stored.create++;
        const { reply, token } = a.data as { reply: { id: number }; token: string };
        replyIds.push(reply.id);
        tokens.push(token);
        // The columnist answers it from the desk.
        const c = await deskPost(`/desk/replies/${String(reply.id)}?_action=desk.replies.columnist`, {
          parentId: String(reply.id),
          columnist: 'pursebop',
          body: `Columnist answer ${String(i)}\n\n${payload}`,
        });
        if (c.status === 303) stored.columnist++;
      }
      // Benign at first, then the payload arrives by the author's edit, and by the desk's.
      const b = await site.action('replies.create', {
        letterId: LETTER,
        name: `Editor of ${String(i)}`,
        body: `Harmless reply ${String(i)}`,
        stamp: stamps[2 * i + 1],
      });
      if (b.status === 200) {
        const { reply, token } = b.data as { reply: { id: number }; token: string };
        const e = await site.action('replies.edit', {
          id: reply.id,
          token,
          body: `Payload ${String(i)} as edited\n\n${payload}`,
        });
        if (e.status === 200) stored.edit++;
        const d = await deskPost(`/desk/replies/${String(reply.id)}?_action=desk.replies.edit`, {
          id: String(reply.id),
          body: `Desk edit ${String(i)}\n\n${payload}`,
        });
        if (d.status === 303) stored.deskEdit++;
      }
      const q = await site.action('questions.submit', {
        pseudonym: name.length >= 2 ? name : `${name}xx`,
        topic: 'care-repair',
        body: `${payload}\n\n${FILLER} (${String(i)})`,
        consent: 'on',
        stamp: questionStamps[i],
      });
      if (q.status === 200) {
        stored.question++;
        questionTokens.push((q.data as { token: string }).token);
      }
    }
    // A WordPress export whose comments carry the same payloads, in the text and the author name.
    const comments = payloads
      .map(
        (payload, i) => `<wp:comment>
        <wp:comment_id>${String(i + 1)}</wp:comment_id>
        <wp:comment_author>${escapeXml(payload.slice(0, 60))}</wp:comment_author>
        <wp:comment_date_gmt>2023-01-0${String((i % 9) + 1)} 10:00:00</wp:comment_date_gmt>
        <wp:comment_content>${escapeXml(payload)}</wp:comment_content>
        <wp:comment_approved>1</wp:comment_approved>
        <wp:comment_type>comment</wp:comment_type>
        <wp:comment_parent>0</wp:comment_parent>
      </wp:comment>`,
      )
      .join('\n');
    const wxr = path.join(site.dir, 'export.xml');
    writeFileSync(
      wxr,
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old blog</title>
<item><title>x</title><link>https://old.example/${OTHER_LETTER}/</link><wp:post_name>${OTHER_LETTER}</wp:post_name><wp:post_type>post</wp:post_type>
${comments}
</item></channel></rss>`,
    );
    try {
      execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/data-import.ts', '--wxr', wxr], {
        env: site.env(),
        stdio: 'pipe',
      });
    } catch (err) {
      console.warn('[xss] the import refused the export:', String(err).slice(0, 500));
    }
    stored.imported = await site.count('SELECT COUNT(*) AS n FROM replies WHERE letter_id = ?', [OTHER_LETTER]);
    // Notification mail is queued by the notifier's run.
    try {
      execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/notify-flush.ts'], {
        env: site.env(),
        stdio: 'pipe',
      });
    } catch {
      // No mail to flush is fine; the outbox check below reads whatever was queued.
    }
    expect(stored.create).toBeGreaterThanOrEqual(100);
  }, 600_000);

  it('shows no live markup from reader text on any page that shows it', async () => {
    const context = await browser.newContext({ baseURL: site.origin });
    const desk = await signIn(site, EDITOR);
    await context.addCookies(
      desk.cookie.split('; ').map((c) => {
        const [name = '', value = ''] = c.split('=');
        return { name, value, url: site.origin };
      }),
    );
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const problems: string[] = [];
    let pagesChecked = 0;
    const check = async (url: string, prepare?: (p: Page) => Promise<void>) => {
      await page.goto(url, { waitUntil: 'load' });
      if (prepare) await prepare(page);
      await sleep(50);
      for (const p of await page.evaluate(inspectDom)) problems.push(`${url}: ${p}`);
      pagesChecked++;
    };

    // The letter page, with the replies island hydrated and showing every page of threads.
    await check(`/letters/${LETTER}/`, async (p) => {
      await p.locator('#replies').scrollIntoViewIfNeeded();
      await p.waitForSelector('astro-island:not([ssr]) .reply-body', { timeout: 30_000 });
    });
    await check(`/letters/${OTHER_LETTER}/`, async (p) => {
      await p.locator('#replies').scrollIntoViewIfNeeded();
      await p.waitForSelector('astro-island:not([ssr])', { timeout: 30_000 });
    });
    // What the island would show on every page: the JSON output's HTML, set live into a page.
    const listed: string[] = [];
    for (const letterId of [LETTER, OTHER_LETTER]) {
      for (let n = 1; n <= 20; n++) {
        const res = await site.action('replies.list', { letterId, page: n, tokens: tokens.slice(0, 50) });
        const data = res.data as { replies: { bodyHtml: string; authorName: string }[]; pageCount: number };
        listed.push(...data.replies.map((r) => `<div class="reply-body">${r.bodyHtml}</div>`));
        if (n >= data.pageCount) break;
      }
    }
    // The public thread as JSON (GET /api/replies/<letter>), every page.
    for (const letterId of [LETTER, OTHER_LETTER]) {
      for (let n = 1; n <= 20; n++) {
        const res = await send(`${site.origin}/api/replies/${letterId}?page=${String(n)}`);
        const data = JSON.parse(res.text) as { replies?: { bodyHtml: string }[]; pageCount?: number };
        listed.push(...(data.replies ?? []).map((r) => `<div class="reply-body">${r.bodyHtml}</div>`));
        if (n >= (data.pageCount ?? 1)) break;
      }
    }
    await page.goto('/robots.txt');
    await page.evaluate((html) => {
      document.body.innerHTML = html;
    }, listed.join('\n'));
    for (const p of await page.evaluate(inspectDom)) problems.push(`replies.list JSON: ${p}`);
    // The no-JavaScript replies pages, every page of threads.
    for (const letterId of [LETTER, OTHER_LETTER]) {
      for (let n = 1; n <= 12; n++) {
        await check(`/letters/${letterId}/replies?page=${String(n)}`);
        if (!(await page.locator(`a[href*="page=${String(n + 1)}"]`).count())) break;
      }
    }
    // The desk: the queue, one editor page per kind of text, the question inbox and questions.
    for (let n = 1; n <= 12; n++) {
      await check(`/desk/replies?status=all&page=${String(n)}`);
      if (!(await page.locator(`a[href*="page=${String(n + 1)}"]`).count())) break;
    }
    for (const id of replyIds.filter((_, i) => i % 10 === 0)) await check(`/desk/replies/${String(id)}`);
    await check('/desk/questions?state=received');
    const questionIds = await site.rows<{ id: number }>('SELECT id FROM questions ORDER BY id');
    for (const { id } of questionIds.filter((_, i) => i % 10 === 0)) await check(`/desk/questions/${String(id)}`);
    for (const token of questionTokens.filter((_, i) => i % 10 === 0)) await check(`/ask/status/${token}`);
    await check('/desk/audit');
    await check('/desk/outbox');
    // Notification mail is plain text; its headers must hold no line breaks from reader text.
    const mail = await site.rows<{ subject: string; body_text: string }>('SELECT subject, body_text FROM outbox');
    for (const m of mail)
      if (/[\r\n]/.test(m.subject)) problems.push(`mail subject with a line break: ${m.subject.slice(0, 80)}`);
    await context.close();

    const storedXss = problems.length + dialogs;
    summary(
      2,
      `XSS: ${String(hardeningPayloads.length)} payloads; stored via create ${String(stored.create)}, edit ${String(stored.edit)}, ` +
        `desk edit ${String(stored.deskEdit)}, columnist ${String(stored.columnist)}, question ${String(stored.question)}, ` +
        `import ${String(stored.imported)}; ${String(pagesChecked)} pages + ${String(listed.length)} JSON bodies + ${String(mail.length)} mails checked; ` +
        `${String(storedXss)} stored XSS (${String(dialogs)} dialogs)`,
    );
    expect(problems.slice(0, 40)).toEqual([]);
    expect(dialogs).toBe(0);
  }, 600_000);
});
