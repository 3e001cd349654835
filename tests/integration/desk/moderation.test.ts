import { afterAll, expect, it } from 'vitest';
import { listAudit } from '../../../src/server/desk/audit';
import { actOnQuestion, InboxError } from '../../../src/server/desk/inbox';
import {
  ColumnistReplyError,
  MODERATION_ACTIONS,
  editReplyAsEditor,
  moderateReplies,
  replyAsColumnist,
  type ModerationAction,
} from '../../../src/server/desk/moderation';
import { getQuestion, listQuestionEvents } from '../../../src/server/questions/repository';
import { getReply, listRepliesForModeration } from '../../../src/server/replies/repository';
import { createReply } from '../../../src/server/replies/service';
import { replyStatuses } from '../../../src/server/replies/types';
import { issueFormStamp } from '../../../src/server/spam';
import { describeEachDb } from '../db-harness';
import { makeEditor, makeQuestion, makeReply } from './helpers';

const actions = Object.keys(MODERATION_ACTIONS) as ModerationAction[];

describeEachDb('desk moderation', (target) => {
  afterAll(() => target.cleanup());

  it('moves a reply between every pair of states and audits each move', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    let expectedAudit = 0;
    for (const from of replyStatuses) {
      for (const action of actions) {
        const to = MODERATION_ACTIONS[action];
        if (to === from) continue;
        const reply = await makeReply(db, { status: from });
        const result = await moderateReplies(db, editor, [reply.id], action);
        expect(result).toEqual({ changed: [reply.id], missing: [] });
        expect((await getReply(db, reply.id))?.status).toBe(to);
        expectedAudit++;
        const [latest] = await listAudit(db, { limit: 1, offset: 0 });
        expect(latest).toMatchObject({
          editorEmail: editor.email,
          action: `reply.${action}`,
          targetType: 'reply',
          targetId: String(reply.id),
          detail: `${from} → ${to}`,
        });
      }
    }
    expect(expectedAudit).toBe(12);
    expect((await listAudit(db, { limit: 100, offset: 0 })).length).toBe(12);
  });

  it('applies a bulk action to every ticked reply and reports the ones that are gone', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const a = await makeReply(db);
    const b = await makeReply(db);
    const result = await moderateReplies(db, editor, [a.id, b.id, 99_999], 'spam');
    expect(result).toEqual({ changed: [a.id, b.id], missing: [99_999] });
    const spam = await listRepliesForModeration(db, { status: 'spam', limit: 10, offset: 0 });
    expect(spam.map((r) => r.id)).toEqual([b.id, a.id]);
  });

  it('approving a first-time replier lets their next reply through under hold-first', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const now = Date.now();
    const facts = {
      clientKey: '203.0.113.9',
      now,
      policy: 'hold-first' as const,
      blockedWords: [],
      letterExists: () => Promise.resolve(true),
      minFillMs: 0,
    };
    const post = (body: string, authorKey?: string) =>
      createReply(
        db,
        {
          letterId: 'my-sa-left',
          name: 'New Reader',
          email: 'new@example.com',
          notify: false,
          body,
          stamp: issueFormStamp(now - 5000),
          authorKey,
        },
        facts,
      );
    const first = await post('My very first reply here.');
    expect((await getReply(db, first.reply.id))?.status).toBe('held');
    await moderateReplies(db, editor, [first.reply.id], 'approve');
    // The reader's browser shows the author key it got with the first reply.
    const second = await post('And my second one, straight through.', first.authorKey);
    expect((await getReply(db, second.reply.id))?.status).toBe('published');
  });

  it('edits go through the readers’ sanitizer', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const reply = await makeReply(db);
    const updated = await editReplyAsEditor(
      db,
      editor,
      reply.id,
      'Fixed *typo* <script>alert(1)</script> [link](https://example.com)',
    );
    expect(updated?.body_html).toContain('<em>typo</em>');
    expect(updated?.body_html).not.toContain('<script');
    expect(updated?.body_html).toContain('rel="nofollow ugc noopener"');
    await expect(editReplyAsEditor(db, editor, reply.id, '   ')).rejects.toThrow('cannot be empty');
    expect((await listAudit(db, { limit: 1, offset: 0 }))[0]?.action).toBe('reply.edit');
  });

  it('publishes a badged columnist reply under a reader’s reply, and refuses a parent on another letter', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const parent = await makeReply(db, { status: 'published' });
    const row = await replyAsColumnist(db, editor, {
      letterId: 'my-sa-left',
      parentId: parent.id,
      columnistName: 'PurseBop',
      body: 'Thank you for writing in.',
    });
    expect(row).toMatchObject({
      is_columnist: 1,
      status: 'published',
      parent_id: parent.id,
      depth: 2,
      author_name: 'PurseBop',
    });
    await expect(
      replyAsColumnist(db, editor, {
        letterId: 'rain-spots',
        parentId: parent.id,
        columnistName: 'PurseBop',
        body: 'x',
      }),
    ).rejects.toThrow(ColumnistReplyError);
  });

  it('moves questions through the inbox, answering only with a published letter', async () => {
    const db = await target.open();
    const editor = await makeEditor(db, 'Inbox');
    const q = await makeQuestion(db);
    const letters = new Set(['my-sa-left']);
    expect((await actOnQuestion(db, editor, q.id, { kind: 'shortlist' }, letters)).state).toBe('shortlisted');
    await expect(
      actOnQuestion(db, editor, q.id, { kind: 'answer', letterSlug: 'draft-only' }, letters),
    ).rejects.toThrow(InboxError);
    const answered = await actOnQuestion(db, editor, q.id, { kind: 'answer', letterSlug: 'my-sa-left' }, letters);
    expect(answered).toMatchObject({ state: 'answered', letterSlug: 'my-sa-left' });
    expect((await actOnQuestion(db, editor, q.id, { kind: 'decline', note: 'duplicate' }, letters)).state).toBe(
      'declined',
    );
    expect((await getQuestion(db, q.id))?.letterSlug).toBeNull();
    const history = await listQuestionEvents(db, q.id);
    expect(history.map((e) => [e.state, e.by])).toEqual([
      ['received', 'visitor'],
      ['shortlisted', 'Inbox'],
      ['answered', 'Inbox'],
      ['declined', 'Inbox'],
    ]);
    const audit = await listAudit(db, { limit: 10, offset: 0 });
    expect(audit.map((a) => a.action)).toEqual(['question.decline', 'question.answer', 'question.shortlist']);
    await expect(actOnQuestion(db, editor, 99_999, { kind: 'shortlist' }, letters)).rejects.toThrow('no longer exists');
  });
});
