import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { recordAudit } from '../../../src/server/desk/audit';
import { importComments, readDisqus, readWxr, CommentImportError } from '../../../src/server/data/comment-import';
import { exportData, importData, ImportError, parseExport, serializeExport } from '../../../src/server/data/json-dump';
import {
  confirmAddress,
  confirmToken,
  isAddressConfirmed,
  queueAddressConfirmations,
} from '../../../src/server/notify/confirm';
import { unsubscribeEmail } from '../../../src/server/notify/unsubscribe';
import { voteHelpful, type ReplyRow } from '../../../src/server/replies/repository';
import { describeEachDb } from '../db-harness';
import { makeEditor, makeQuestion, makeReply } from './helpers';
import { setQuestionState } from '../../../src/server/questions/repository';

const LETTERS = new Set(['my-sa-left', 'rain-spots', 'first-hermes-or-not']);
const KNOWN = { topics: new Set(['first-bag', 'care-repair']), columnistNames: new Set(['PurseBop']) };
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/desk/${name}`, import.meta.url), 'utf8');

describeEachDb('data export and import', (target) => {
  afterAll(() => target.cleanup());

  it('export → import into an empty database → export is byte-identical, and new rows get fresh ids', async () => {
    const source = await target.open();
    const editor = await makeEditor(source);
    const q = await makeQuestion(source, {
      pseudonym: 'Zoë “Quotes”',
      body: 'Line one\n\nLine two with ünïcode and a \\ backslash',
    });
    await setQuestionState(source, q.id, { state: 'shortlisted', by: 'Ed', note: 'good one' });
    const parent = await makeReply(source, { status: 'published', email: 'p@example.com', notify: true });
    await makeReply(source, { status: 'held', parentId: parent.id, depth: 2 });
    await voteHelpful(source, parent.id, 'voter-b');
    await voteHelpful(source, parent.id, 'voter-a');
    await recordAudit(source, {
      editor,
      action: 'reply.approve',
      targetType: 'reply',
      targetId: parent.id,
      detail: 'held → published',
    });
    await unsubscribeEmail(source, 'gone@example.com');
    // The parent's author is asked to confirm the address, and does: both rows are personal data.
    expect(await queueAddressConfirmations(source, 'https://pursebop.example')).toBe(1);
    const asked = await source.get<{ requested_at: number }>(
      'SELECT requested_at FROM notify_confirm_requests WHERE reply_id = ?',
      [parent.id],
    );
    const confirmed = await confirmAddress(source, confirmToken(parent.id, 'p@example.com', asked?.requested_at ?? 0));
    expect(confirmed.ok).toBe(true);

    const first = serializeExport(await exportData(source));
    expect(parseExport(first).tables.replies?.rows).toHaveLength(2);
    expect(first).not.toContain('password_hash');

    const empty = await target.open();
    const counts = await importData(empty, parseExport(first), KNOWN);
    expect(counts).toMatchObject({
      questions: 1,
      question_events: 2,
      replies: 2,
      reply_votes: 2,
      audit_log: 1,
      notify_unsubscribes: 1,
      notify_confirmations: 1,
      notify_confirm_requests: 1,
    });
    const second = serializeExport(await exportData(empty));
    expect(second).toBe(first);
    // The restored site still writes to the confirmed reader, and does not ask them a second time.
    expect(await isAddressConfirmed(empty, 'p@example.com', parent.replier_key)).toBe(true);
    expect(await queueAddressConfirmations(empty, 'https://pursebop.example')).toBe(0);

    // Identity sequences moved past the imported ids.
    const next = await makeReply(empty, {});
    expect(next.id).toBeGreaterThan(parent.id + 1);
  });

  it('refuses to import into a database that already has data, and leaves it untouched', async () => {
    const db = await target.open();
    await makeReply(db, {});
    const file = serializeExport(await exportData(db));
    await expect(importData(db, parseExport(file), KNOWN)).rejects.toThrow(/already has rows/);
    expect((await db.all('SELECT id FROM replies')).length).toBe(1);
  });

  it('reports a malformed file clearly and rolls a failing import back completely', async () => {
    const db = await target.open();
    expect(() => parseExport('{not json')).toThrow(ImportError);
    expect(() => parseExport('{"format":"other","version":1,"tables":{}}')).toThrow(/not a Dear PurseBop export/);
    const bad = {
      format: 'dear-pursebop-export' as const,
      version: 1 as const,
      tables: {
        questions: { columns: ['nope'], rows: [[1]] },
      },
    };
    await expect(importData(db, bad, KNOWN)).rejects.toThrow(/columns this site does not know: nope/);
    const source = await target.open();
    await makeReply(source, {});
    const good = parseExport(serializeExport(await exportData(source)));
    const broken = structuredClone(good);
    broken.tables.replies?.rows.push([...(broken.tables.replies.rows[0] ?? [])]);
    await expect(importData(db, broken, KNOWN)).rejects.toThrow(ImportError);
    expect((await db.all('SELECT id FROM replies')).length).toBe(0);
  });

  it('imports a WordPress export: matched by slug or URL, threads kept, spam and held kept apart, the rest reported', async () => {
    const db = await target.open();
    const report = await importComments(db, 'wxr', readWxr(fixture('wordpress-export.xml')), LETTERS);
    expect(report.imported).toBe(5);
    expect(report.unmatched).toEqual([{ sourceId: '31', thread: 'https://old.pursebop.example/about/' }]);
    expect(report.skipped.map((s) => s.sourceId)).toEqual(['14']);
    const rows = await db.all<ReplyRow>('SELECT * FROM replies ORDER BY created_at');
    const by = (name: string) => rows.find((r) => r.author_name === name);
    expect(by('Loyal Client')).toMatchObject({
      letter_id: 'my-sa-left',
      depth: 1,
      parent_id: null,
      status: 'published',
    });
    expect(by('Loyal Client')?.body_html).toContain('<strong>manager</strong>');
    expect(by('Loyal Client')?.body_html).toContain('href="https://example.com/guide"');
    expect(by('Hopeful')).toMatchObject({ parent_id: by('Loyal Client')?.id, depth: 2 });
    expect(by('Waiting Writer')).toMatchObject({ parent_id: by('Hopeful')?.id, depth: 3, status: 'held' });
    expect(by('Cheap Bags Online')?.status).toBe('spam');
    expect(by('Umbrella Person')).toMatchObject({ letter_id: 'rain-spots' });
    expect(by('Loyal Client')?.created_at).toBe(Date.parse('2022-06-09T08:15:00Z'));

    const again = await importComments(db, 'wxr', readWxr(fixture('wordpress-export.xml')), LETTERS);
    expect(again).toMatchObject({ imported: 0, alreadyImported: 5 });
    expect((await db.all('SELECT id FROM replies')).length).toBe(5);
  });

  it('imports a Disqus export: threads matched by identifier or URL, deleted posts skipped, unmatched reported', async () => {
    const db = await target.open();
    const report = await importComments(db, 'disqus', readDisqus(fixture('disqus-export.xml')), LETTERS);
    expect(report.imported).toBe(3);
    expect(report.unmatched).toEqual([{ sourceId: '5005', thread: 'https://pursebop.example/contact/' }]);
    expect(report.skipped.map((s) => s.sourceId)).toEqual(['5003']);
    const rows = await db.all<ReplyRow>('SELECT * FROM replies ORDER BY created_at');
    const pat = rows.find((r) => r.author_name === 'Practical Pat');
    const fan = rows.find((r) => r.author_name === 'Tote Fan');
    expect(pat).toMatchObject({ letter_id: 'first-hermes-or-not', depth: 1 });
    expect(fan).toMatchObject({ parent_id: pat?.id, depth: 2, author_email: null });
    expect(fan?.body_html).toContain('Agreed — and a Garden Party is <strong>underrated</strong>');
    expect(rows.find((r) => r.author_name === 'Spammer')).toMatchObject({ letter_id: 'my-sa-left', status: 'spam' });
  });

  it('says clearly when a file is not the export it claims to be', () => {
    expect(() => readWxr(fixture('disqus-export.xml'))).toThrow(CommentImportError);
    expect(() => readDisqus(fixture('wordpress-export.xml'))).toThrow(
      /not the right kind: it does not end with <\/disqus>/,
    );
    expect(() => readWxr('<rss><channel><item><wp:comment><wp:comment_id>1')).toThrow(/looks incomplete/);
    expect(() => readWxr('<rss><channel></channel></rss>')).toThrow(/not a WordPress export/);
  });
});
