import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions';
import { resetConfig } from '../../../src/server/config';
import type { Db } from '../../../src/server/db';
import { describeEachDb } from '../db-harness';
import { makeEditor } from './helpers';

type Middleware = typeof import('../../../src/server/auth/middleware').deskAuth;
type Context = Parameters<Middleware>[0];

/** Just enough of Astro's APIContext for the desk middleware. */
function fakeContext(opts: {
  path: string;
  method?: string;
  cookies?: Record<string, string>;
  form?: Record<string, string>;
  prerendered?: boolean;
}): { context: Context; locals: Record<string, unknown> } {
  const url = new URL(opts.path, 'http://127.0.0.1:4350');
  const method = opts.method ?? 'GET';
  const request = new Request(url, {
    method,
    ...(opts.form ? { body: new URLSearchParams(opts.form) } : {}),
  });
  const locals: Record<string, unknown> = {};
  const context = {
    url,
    request,
    locals,
    isPrerendered: opts.prerendered ?? false,
    cookies: {
      get: (name: string) => {
        const value = opts.cookies?.[name];
        return value === undefined ? undefined : { value };
      },
    },
    redirect: (to: string, status: number) => new Response(null, { status, headers: { Location: to } }),
  } as unknown as Context;
  return { context, locals };
}

const next = () => Promise.resolve(new Response('page', { status: 200 }));
const saved = { NODE_ENV: process.env.NODE_ENV, SITE_SECRET: process.env.SITE_SECRET };

afterEach(() => {
  process.env.NODE_ENV = saved.NODE_ENV;
  if (saved.SITE_SECRET === undefined) delete process.env.SITE_SECRET;
  else process.env.SITE_SECRET = saved.SITE_SECRET;
  resetConfig();
});

/** A middleware module loaded anew (its start-up check runs again), using `db` as the process database. */
async function freshMiddleware(db?: Db): Promise<Middleware> {
  vi.resetModules();
  (await import('../../../src/server/db')).setDbForTests(db);
  return (await import('../../../src/server/auth/middleware')).deskAuth;
}

describeEachDb('desk middleware', (target) => {
  afterAll(() => target.cleanup());

  it('sends a visitor without a session to the sign-in form, and lets public desk paths through', async () => {
    const deskAuth = await freshMiddleware(await target.open());
    const r = (await deskAuth(fakeContext({ path: '/desk/replies?status=held' }).context, next)) as Response;
    expect(r.status).toBe(303);
    expect(r.headers.get('Location')).toBe('/desk/login?next=%2Fdesk%2Freplies%3Fstatus%3Dheld');
    expect(((await deskAuth(fakeContext({ path: '/desk/login' }).context, next)) as Response).status).toBe(200);
    expect(((await deskAuth(fakeContext({ path: '/letters/x/' }).context, next)) as Response).status).toBe(200);
    const post = (await deskAuth(
      fakeContext({ path: '/desk/replies', method: 'POST', form: {} }).context,
      next,
    )) as Response;
    expect(post.status).toBe(403);
  });

  it('refuses a state-changing request whose CSRF token is missing or wrong, and passes the right one', async () => {
    const db = await target.open();
    const deskAuth = await freshMiddleware(db);
    const editor = await makeEditor(db);
    const { token } = await createSession(db, editor.id);
    const cookies = { desk_session: token };
    const csrf = (await db.get<{ csrf_token: string }>('SELECT csrf_token FROM editor_sessions'))?.csrf_token ?? '';

    const get = fakeContext({ path: '/desk/replies', cookies });
    expect(((await deskAuth(get.context, next)) as Response).status).toBe(200);
    expect(get.locals.desk).toMatchObject({ editor: { id: editor.id }, csrfToken: csrf });

    for (const form of [{ bulk: 'approve' }, { bulk: 'approve', _csrf: 'forged' }, { _csrf: `${csrf}x` }]) {
      const r = (await deskAuth(
        fakeContext({ path: '/desk/replies', method: 'POST', cookies, form }).context,
        next,
      )) as Response;
      expect(r.status).toBe(403);
      expect(await r.text()).toContain('This form has expired');
    }
    const ok = fakeContext({ path: '/desk/replies', method: 'POST', cookies, form: { bulk: 'approve', _csrf: csrf } });
    const passed = (await deskAuth(ok.context, next)) as Response;
    expect(passed.status).toBe(200);
    expect(passed.headers.get('Cache-Control')).toBe('no-store');
    // The page can still read the body the middleware looked at.
    expect((await ok.context.request.formData()).get('bulk')).toBe('approve');
  });

  it('protects the sign-in form with its own double-submit token', async () => {
    const deskAuth = await freshMiddleware(await target.open());
    const form = { email: 'a@example.com', password: 'x', _csrf: 'abc' };
    const without = fakeContext({ path: '/desk/login', method: 'POST', form });
    expect(((await deskAuth(without.context, next)) as Response).status).toBe(403);
    const mismatched = fakeContext({ path: '/desk/login', method: 'POST', form, cookies: { desk_login_csrf: 'abd' } });
    expect(((await deskAuth(mismatched.context, next)) as Response).status).toBe(403);
    const matched = fakeContext({
      path: '/desk/login?_action=desk.session.login',
      method: 'POST',
      form,
      cookies: { desk_login_csrf: 'abc' },
    });
    expect(((await deskAuth(matched.context, next)) as Response).status).toBe(200);
  });

  it('tells a form post that names no action (a page loaded before its form did) to reload, instead of ignoring it', async () => {
    const db = await target.open();
    const deskAuth = await freshMiddleware(db);
    const editor = await makeEditor(db);
    const { token } = await createSession(db, editor.id);
    const cookies = { desk_session: token, desk_login_csrf: 'abc' };
    const csrf = (await db.get<{ csrf_token: string }>('SELECT csrf_token FROM editor_sessions'))?.csrf_token ?? '';
    for (const path of ['/desk/login', '/desk/outbox', '/desk/questions/3', '/desk/questions/3/']) {
      const r = (await deskAuth(
        fakeContext({ path, method: 'POST', cookies, form: { _csrf: path === '/desk/login' ? 'abc' : csrf } }).context,
        next,
      )) as Response;
      expect([path, r.status]).toEqual([path, 400]);
      expect(await r.text()).toContain('This form is out of date');
    }
    // Pages and endpoints that still take a plain post are left alone.
    const logout = fakeContext({ path: '/desk/logout', method: 'POST', cookies, form: { _csrf: csrf } });
    expect(((await deskAuth(logout.context, next)) as Response).status).toBe(200);
  });
  it('holds desk actions to the desk rules wherever they are posted: RPC endpoint, any page, public desk paths', async () => {
    const db = await target.open();
    const deskAuth = await freshMiddleware(db);
    const editor = await makeEditor(db);
    const { token } = await createSession(db, editor.id);
    const cookies = { desk_session: token };
    const csrf = (await db.get<{ csrf_token: string }>('SELECT csrf_token FROM editor_sessions'))?.csrf_token ?? '';
    const targets = [
      '/_actions/desk.questions.act',
      '/_actions/%64esk.questions.act',
      '/letters/x/replies?_action=desk.questions.act',
      '/desk/unsubscribe?t=x&_action=desk.questions.act',
      '/desk/login?_action=desk.outbox.flush',
    ];
    for (const path of targets) {
      for (const form of [{}, { _csrf: 'forged' }]) {
        const signedIn = fakeContext({ path, method: 'POST', cookies, form });
        expect([path, ((await deskAuth(signedIn.context, next)) as Response).status]).toEqual([path, 403]);
      }
      const signedOut = fakeContext({ path, method: 'POST', form: { _csrf: csrf } });
      expect([path, ((await deskAuth(signedOut.context, next)) as Response).status]).toEqual([path, 403]);
      const ok = fakeContext({ path, method: 'POST', cookies, form: { _csrf: csrf } });
      expect([path, ((await deskAuth(ok.context, next)) as Response).status]).toEqual([path, 200]);
      expect(ok.locals.desk).toMatchObject({ editor: { id: editor.id } });
    }
    // Signing in is the one public desk action, and it needs the sign-in form's own token.
    const form = { email: 'a@example.com', password: 'x', _csrf: 'abc' };
    for (const path of ['/_actions/desk.session.login', '/desk/login?_action=desk.session.login']) {
      const without = fakeContext({ path, method: 'POST', form });
      expect(((await deskAuth(without.context, next)) as Response).status).toBe(403);
      const matched = fakeContext({ path, method: 'POST', form, cookies: { desk_login_csrf: 'abc' } });
      expect(((await deskAuth(matched.context, next)) as Response).status).toBe(200);
    }
    // Other actions on other pages are not the desk's business.
    const reader = fakeContext({ path: '/letters/x/replies?_action=replies.create', method: 'POST', form: {} });
    expect(((await deskAuth(reader.context, next)) as Response).status).toBe(200);
    expect(reader.locals.desk).toBeUndefined();
  });
});
