import { afterAll, expect, it } from 'vitest';
import type { Db, SqlValue } from '../../../src/server/db';
import { listAudit } from '../../../src/server/desk/audit';
import { editReplyAsEditor } from '../../../src/server/desk/moderation';
import { getReply } from '../../../src/server/replies/repository';
import { createReply, editReply, type RequestFacts } from '../../../src/server/replies/service';
import { issueFormStamp } from '../../../src/server/spam';
import { describeEachDb } from '../db-harness';
import { makeEditor, makeReply } from '../desk/helpers';

const LETTER = 'rain-spots';
const T0 = 1_800_000_000_000;
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

class InjectedFailure extends Error {}

/**
 * The same database, except that its `failAt`-th write statement (1-based, counted across
 * transactions) throws, as a crash or lost connection between two writes would.
 */
function failingAt(db: Db, failAt: number): { db: Db; writes: () => number } {
  let writes = 0;
  const check = (sql: string) => {
    if (WRITE.test(sql) && ++writes === failAt) throw new InjectedFailure(`write ${String(failAt)} failed`);
  };
  const wrap = (inner: Db): Db => ({
    dialect: inner.dialect,
    all: <T>(sql: string, params?: readonly SqlValue[]) => {
      check(sql);
      return inner.all<T>(sql, params);
    },
    get: <T>(sql: string, params?: readonly SqlValue[]) => {
      check(sql);
      return inner.get<T>(sql, params);
    },
    run: (sql: string, params?: readonly SqlValue[]) => {
      check(sql);
      return inner.run(sql, params);
    },
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    close: () => inner.close(),
  });
  return { db: wrap(db), writes: () => writes };
}

describeEachDb('atomic reply edits', (target) => {
  afterAll(() => target.cleanup());

  it('an author edit that re-holds a published reply never leaves the new text published, whichever write fails', async () => {
    const db = await target.open();
    const clean = 'A tidy published reply.';
    const spammy = 'Now see https://a.example https://b.example https://c.example';
    let completed = false;
    for (let failAt = 1; failAt <= 12 && !completed; failAt++) {
      const clock = T0 + failAt * 120_000;
      const facts: RequestFacts = {
        clientKey: `198.51.100.${String(failAt)}`,
        now: clock,
        policy: 'publish',
        blockedWords: [],
        letterExists: () => Promise.resolve(true),
      };
      const created = await createReply(
        db,
        {
          letterId: LETTER,
          name: 'Editor Of Own Words',
          notify: false,
          body: `${clean} ${String(failAt)}`,
          stamp: issueFormStamp(clock - 5_000),
        },
        facts,
      );
      expect(created.reply.held).toBe(false);
      const faulty = failingAt(db, failAt);
      try {
        const edited = await editReply(faulty.db, { id: created.reply.id, token: created.token, body: spammy }, facts);
        expect(edited.held).toBe(true);
        completed = true;
      } catch (err) {
        if (!(err instanceof InjectedFailure)) throw err;
      }
      const row = await getReply(db, created.reply.id);
      // Either nothing of the edit happened, or all of it did: new text and held, together.
      const state = `${row?.body_markdown === spammy ? 'new' : 'old'} text, ${String(row?.status)}`;
      expect([`old text, published`, `new text, held`]).toContain(state);
      if (completed) expect(state).toBe('new text, held');
    }
    expect(completed).toBe(true);
  });

  it('a desk edit and its audit entry are written together or not at all', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    let completed = false;
    for (let failAt = 1; failAt <= 8 && !completed; failAt++) {
      const reply = await makeReply(db, {
        letterId: LETTER,
        status: 'published',
        body: `Original words ${String(failAt)}`,
      });
      const auditBefore = (await listAudit(db, { limit: 1000, offset: 0 })).length;
      const faulty = failingAt(db, failAt);
      try {
        await editReplyAsEditor(faulty.db, editor, reply.id, 'Tidied by the desk.');
        completed = true;
      } catch (err) {
        if (!(err instanceof InjectedFailure)) throw err;
      }
      const row = await getReply(db, reply.id);
      const audited = (await listAudit(db, { limit: 1000, offset: 0 })).length - auditBefore;
      const state = `${row?.body_markdown === 'Tidied by the desk.' ? 'new' : 'old'} text, ${String(audited)} audit`;
      expect(['old text, 0 audit', 'new text, 1 audit']).toContain(state);
      if (completed) expect(state).toBe('new text, 1 audit');
    }
    expect(completed).toBe(true);
  });
});
