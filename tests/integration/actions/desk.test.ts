import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ActionError, isInputError } from 'astro:actions';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { desk } from '../../../src/actions/desk';
import type { Editor } from '../../../src/server/auth/editors';
import { upsertEditor } from '../../../src/server/auth/editors';
import { LOGIN_FAILED } from '../../../src/server/auth/login-form';
import { createSession, loadSession } from '../../../src/server/auth/sessions';
import { resetConfig } from '../../../src/server/config';
import { setDbForTests, type Db } from '../../../src/server/db';
import { getQuestion } from '../../../src/server/questions/repository';
import { describeEachDb } from '../db-harness';
import { makeEditor, makeQuestion } from '../desk/helpers';

// The desk actions read letters, topics and columnists from the build's manifest; give them a small one.
const manifestDir = mkdtempSync(path.join(os.tmpdir(), 'pursebop-desk-actions-'));
const manifest = path.join(manifestDir, 'catalogue.json');
writeFileSync(
  manifest,
  JSON.stringify({
    version: 1,
    letters: [
      {
        id: 'out-now',
        headline: 'Out now',
        topics: ['first-bag'],
        pseudonym: 'A',
        columnist: 'pursebop',
        pubDate: '2025-01-01T00:00:00.000Z',
        draft: false,
      },
      {
        id: 'still-draft',
        headline: 'Draft',
        topics: ['first-bag'],
        pseudonym: 'B',
        columnist: 'pursebop',
        pubDate: '2025-01-01T00:00:00.000Z',
        draft: true,
      },
    ],
    topics: [
      { id: 'first-bag', name: 'First bag' },
      { id: 'care-repair', name: 'Care and repair' },
    ],
    columnists: [{ id: 'pursebop', name: 'PurseBop' }],
  }),
);
const saved = { ...process.env };
process.env.CATALOGUE_MANIFEST = manifest;

afterAll(() => {
  rmSync(manifestDir, { recursive: true, force: true });
  process.env = saved;
  resetConfig();
});

/** Cookies as the action sees them: a plain map, with what it set and deleted kept for the test. */
function fakeCookies(initial: Record<string, string> = {}) {
  const jar = new Map(Object.entries(initial));
  return {
    jar,
    get: (name: string) => (jar.has(name) ? { value: jar.get(name) } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
    delete: (name: string) => jar.delete(name),
  };
}

/** Just enough of an action's context: who is signed in (as the desk middleware leaves it), cookies, request. */
function context(editor?: Editor, cookies = fakeCookies()) {
  const url = new URL('http://127.0.0.1:4400/desk');
  return {
    locals: { desk: editor ? { editor, csrfToken: 't', expiresAt: Date.now() + 60_000 } : undefined } as App.Locals,
    cookies,
    url,
    site: url,
    request: new Request(url, { method: 'POST' }),
    clientAddress: '192.0.2.9',
  };
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

interface AnyAction {
  orThrow: (input: FormData) => Promise<unknown>;
}

/** Calls an action as Astro does for a form post, and returns what it threw. */
async function refusal(action: AnyAction, ctx: ReturnType<typeof context>, input: FormData): Promise<ActionError> {
  try {
    await action.orThrow.call(ctx, input);
  } catch (err) {
    if (err instanceof ActionError) return err;
    throw err;
  }
  throw new Error('the action did not refuse');
}

const run = <T>(
  action: { orThrow: (input: FormData) => Promise<T> },
  ctx: ReturnType<typeof context>,
  input: FormData,
) => action.orThrow.call(ctx, input);

describeEachDb('desk actions', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    setDbForTests(db);
  });
  afterEach(() => {
    resetConfig();
  });
  afterAll(async () => {
    setDbForTests(undefined);
    await target.cleanup();
  });

  describe('questions', () => {
    it('refuses a caller the desk middleware did not sign in', async () => {
      const q = await makeQuestion(db);
      const err = await refusal(desk.questions.move, context(), form({ id: String(q.id), intent: 'shortlist' }));
      expect(err.code).toBe('UNAUTHORIZED');
      expect(err.status).toBe(401);
      expect((await getQuestion(db, q.id))?.state).toBe('received');
    });

    it('answers bad fields with field errors, by field', async () => {
      const editor = await makeEditor(db);
      const q = await makeQuestion(db);
      const intent = await refusal(desk.questions.move, context(editor), form({ id: String(q.id), intent: 'explode' }));
      expect(isInputError(intent) && intent.fields).toEqual({ intent: ['Unknown action.'] });
      for (const id of ['', '0', '-5', '1.5', 'abc', '1180591620717411303424']) {
        const err = await refusal(desk.questions.move, context(editor), form({ id, intent: 'shortlist' }));
        expect(isInputError(err) && err.fields.id, id).toEqual(['That question does not exist.']);
      }
      for (const letter of ['', 'no-such-letter', 'x'.repeat(300)]) {
        const err = await refusal(desk.questions.answer, context(editor), form({ id: String(q.id), letter }));
        expect(isInputError(err) && err.fields.letter?.[0], letter.slice(0, 20)).toBe(
          'Choose a published letter to mark the question answered.',
        );
      }
      expect((await getQuestion(db, q.id))?.state).toBe('received');
      const missing = await refusal(desk.questions.move, context(editor), form({ id: '999999999', intent: 'decline' }));
      expect(missing.code).toBe('NOT_FOUND');
    });

    it('moves a question along and marks it answered, sending the page back with the notice key', async () => {
      const editor = await makeEditor(db);
      const q = await makeQuestion(db);
      const moved = await run(
        desk.questions.move,
        context(editor),
        form({ id: String(q.id), intent: 'shortlist', note: ' why ' }),
      );
      expect(moved).toEqual({ redirect: `/desk/questions/${String(q.id)}?done=question-shortlist` });
      expect((await getQuestion(db, q.id))?.state).toBe('shortlisted');
      const answered = await run(desk.questions.answer, context(editor), form({ id: String(q.id), letter: 'out-now' }));
      expect(answered).toEqual({ redirect: `/desk/questions/${String(q.id)}?done=question-answer` });
      expect(await getQuestion(db, q.id)).toMatchObject({ state: 'answered', letterSlug: 'out-now' });
    });

    it('starts a draft in the desk, refuses a second one, and hands the file over where the folder cannot be written', async () => {
      const editor = await makeEditor(db);
      const q = await makeQuestion(db, { pseudonym: 'Scuffed', topic: 'care-repair' });
      const input = form({ id: String(q.id), columnist: 'nobody' });
      expect(await run(desk.questions.draft, context(editor), input)).toEqual({
        redirect: `/desk/questions/${String(q.id)}?done=draft-stored`,
      });
      const again = await refusal(desk.questions.draft, context(editor), input);
      expect(again.code).toBe('BAD_REQUEST');
      expect(again.message).toMatch(/^A draft named .+\.mdx already exists/);

      // A folder the server cannot write (it does not exist; a read-only mode would not stop root).
      const readOnly = path.join(manifestDir, `no-letters-${target.name}`);
      process.env.DRAFT_STORE = 'files';
      process.env.LETTERS_DIR = readOnly;
      resetConfig();
      const other = await makeQuestion(db, { pseudonym: 'Faded', topic: 'first-bag' });
      const handed = await run(desk.questions.draft, context(editor), form({ id: String(other.id) }));
      delete process.env.DRAFT_STORE;
      delete process.env.LETTERS_DIR;
      expect(handed).toMatchObject({ download: { fileName: expect.stringMatching(/\.mdx$/) as unknown } });
      expect((handed as { download: { content: string } }).download.content).toMatch(/^columnist: "?pursebop"?$/m);
    });
  });

  describe('outbox', () => {
    it('refuses a caller who is not signed in, and flushes for an editor', async () => {
      expect((await refusal(desk.outbox.flush, context(), new FormData())).code).toBe('UNAUTHORIZED');
      const editor = await makeEditor(db);
      const done = await run(desk.outbox.flush, context(editor), new FormData());
      expect(done.redirect).toMatch(/^\/desk\/outbox\?done=outbox-flushed&digests=\d+&replies=\d+$/);
    });
  });

  describe('session', () => {
    it('signs in with the right password only, sets the cookies, and returns only to desk paths', async () => {
      const editor = await upsertEditor(db, {
        email: `signin-${target.name}@example.com`,
        displayName: 'Signer',
        password: 'correct horse battery staple',
      });
      const bad = await refusal(desk.session.login, context(), form({ email: '', password: 'x' }));
      expect(isInputError(bad) && Object.keys(bad.fields)).toContain('email');
      const wrong = await refusal(
        desk.session.login,
        context(),
        form({ email: editor.email, password: 'not it', next: '/desk/outbox' }),
      );
      expect([wrong.code, wrong.message]).toEqual(['UNAUTHORIZED', LOGIN_FAILED]);

      const cookies = fakeCookies({ desk_login_csrf: 'abc' });
      const ok = await run(
        desk.session.login,
        context(undefined, cookies),
        form({ email: editor.email, password: 'correct horse battery staple', next: '//evil.example/' }),
      );
      expect(ok).toEqual({ redirect: '/desk' });
      expect(cookies.jar.has('desk_login_csrf')).toBe(false);
      const session = await loadSession(db, cookies.jar.get('desk_session'));
      expect(session?.editor.id).toBe(editor.id);
      const back = await run(
        desk.session.login,
        context(undefined, fakeCookies()),
        form({ email: editor.email, password: 'correct horse battery staple', next: '/desk/outbox?show=all' }),
      );
      expect(back).toEqual({ redirect: '/desk/outbox?show=all' });
    });

    it('refuses a burst of wrong passwords with 429 and the wait for Retry-After', async () => {
      const email = `burst-${target.name}@example.com`;
      await upsertEditor(db, { email, displayName: 'Burst', password: 'correct horse battery staple' });
      let last: ActionError | undefined;
      const ctx = context();
      for (let i = 0; i < 12 && last?.code !== 'TOO_MANY_REQUESTS'; i++) {
        last = await refusal(desk.session.login, ctx, form({ email, password: `wrong ${String(i)}` }));
      }
      expect(last?.code).toBe('TOO_MANY_REQUESTS');
      expect(last?.message).toMatch(/^Too many failed sign-ins\. Wait \d+ seconds and try again\.$/);
      expect(ctx.locals.retryAfterSeconds).toBeGreaterThan(0);
    });

    it('signs out: the session is gone and the page goes to the sign-in form', async () => {
      const editor = await makeEditor(db);
      const { token } = await createSession(db, editor.id);
      const cookies = fakeCookies({ desk_session: token });
      expect(await run(desk.session.logout, context(editor, cookies), new FormData())).toEqual({
        redirect: '/desk/login?signedout=1',
      });
      expect(await loadSession(db, token)).toBeUndefined();
      expect((await refusal(desk.session.logout, context(), new FormData())).code).toBe('UNAUTHORIZED');
    });
  });
});
