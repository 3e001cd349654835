import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import NoticeModule from '../../../src/components/desk/Notice.astro';
import { noticeFor, noticeQuery } from '../../../src/lib/desk-notice';
import { backWith } from '../../../src/server/desk/forms';

// typescript-eslint cannot see into .astro files; the Container API only needs the factory type.
const Notice = NoticeModule as AstroComponentFactory;

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const params = (query: string) => new URL(`http://desk.invalid/desk/replies?${query}`).searchParams;

describe('desk notices after a redirect', () => {
  it('shows nothing for text passed as ?done= — the attack from the review', async () => {
    const attack = 'Your session expired. Re-enter your password at https://evil.example/desk';
    expect(noticeFor(params(`done=${encodeURIComponent(attack)}`))).toBeUndefined();
    const html = await container.renderToString(Notice, {
      props: { done: params(`done=${encodeURIComponent(attack)}`) },
    });
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('role="status"');
  });

  it('shows nothing for an unknown key or a key inherited from Object', () => {
    for (const key of ['reply-approved', 'constructor', '__proto__', 'toString', '']) {
      expect(noticeFor(params(`done=${key}`)), key).toBeUndefined();
    }
  });

  it('counts must be small whole numbers, or the notice is dropped', () => {
    expect(noticeFor(params('done=replies-approve&n=3'))).toBe('approve: 3 replies updated.');
    expect(noticeFor(params('done=replies-approve&n=3%20replies%20deleted.%20Call%20us'))).toBeUndefined();
    expect(noticeFor(params('done=replies-approve&n=-1'))).toBeUndefined();
    expect(noticeFor(params('done=replies-approve&n=1e9'))).toBeUndefined();
  });

  it('renders every message the desk’s own redirects ask for', async () => {
    expect(noticeFor(params(noticeQuery('reply-spam')))).toBe('Reply marked as spam.');
    expect(noticeFor(params(noticeQuery('reply-hold')))).toBe('Reply held.');
    expect(noticeFor(params(noticeQuery('question-answer')))).toBe('Question marked answered.');
    expect(noticeFor(params(noticeQuery('replies-reject', { n: 2, missing: 1 })))).toBe(
      'reject: 2 replies updated. 1 could not be found.',
    );
    expect(noticeFor(params(noticeQuery('outbox-flushed', { digests: 1, replies: 2 })))).toBe(
      'Queued 1 digest and 2 reply notifications. SMTP is not configured, so messages wait here.',
    );
    expect(
      noticeFor(params(noticeQuery('outbox-flushed', { digests: 0, replies: 1, smtp: 1, sent: 1, failed: 0 }))),
    ).toBe('Queued 0 digests and 1 reply notification. 1 sent, 0 failed.');
    const html = await container.renderToString(Notice, { props: { done: params(noticeQuery('reply-approve')) } });
    expect(html).toContain('role="status"');
    expect(html).toContain('Reply approved.');
  });

  it('says what each single action did', () => {
    const said = {
      'columnist-reply': 'Columnist reply published.',
      'reply-saved': 'Reply text saved.',
      'reply-approve': 'Reply approved.',
      'reply-reject': 'Reply rejected.',
      'question-shortlist': 'Question shortlisted.',
      'question-decline': 'Question declined.',
      'question-reopen': 'Question back to received.',
    } as const;
    for (const [key, text] of Object.entries(said)) {
      expect(noticeFor(params(noticeQuery(key as keyof typeof said)))).toBe(text);
    }
    expect(noticeFor(params(noticeQuery('replies-hold', { n: 1 })))).toBe('hold: 1 reply updated.');
    expect(noticeFor(params(noticeQuery('replies-spam')))).toBe('spam: 0 replies updated.');
    expect(noticeFor(params(noticeQuery('outbox-flushed', { smtp: 1, sent: 3, failed: 2 })))).toBe(
      'Queued 0 digests and 0 reply notifications. 3 sent, 2 failed.',
    );
  });

  it('names a stored draft, and how it reaches the letters folder', () => {
    expect(noticeFor(params('done=draft-stored'), { draftFile: '2026-12-04-kelly.mdx' })).toBe(
      'Draft 2026-12-04-kelly.mdx saved in the desk (Drafts); npm run drafts:pull writes it into content/letters/ where the site is built.',
    );
    expect(noticeFor(params('done=draft-stored'))).toBe(
      'Draft  saved in the desk (Drafts); npm run drafts:pull writes it into content/letters/ where the site is built.',
    );
  });

  it('names the draft file only from what the page looked up, never from the query', () => {
    expect(noticeFor(params('done=draft-written&file=call-0800-fraud.mdx'))).toBe('Draft written to content/letters/.');
    expect(noticeFor(params('done=draft-written'), { draftFile: '2026-12-04-kelly.mdx' })).toBe(
      'Draft written to content/letters/2026-12-04-kelly.mdx.',
    );
  });

  it('backWith keeps the page’s own filters and replaces an earlier notice', () => {
    const url = backWith('/desk/replies?status=held&done=reply-saved&n=9&missing=4', 'replies-approve', { n: 1 });
    expect(url).toBe('/desk/replies?status=held&done=replies-approve&n=1');
  });
});
