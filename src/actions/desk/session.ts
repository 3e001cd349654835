import { ActionError, defineAction } from 'astro:actions';
import {
  clearSessionCookie,
  setDeviceCookie,
  setSessionCookie,
  DEVICE_COOKIE,
  LOGIN_CSRF_COOKIE,
  SESSION_COOKIE,
} from '../../server/auth/cookies';
import { attemptLogin } from '../../server/auth/login';
import { LOGIN_FAILED, loginFormSchema, safeNext } from '../../server/auth/login-form';
import { deleteSession } from '../../server/auth/sessions';
import { getDb } from '../../server/db';
import { recordAudit } from '../../server/desk/audit';
import { clientKeyOf, clientUsesHttps } from '../../server/request';
import { requireEditor } from './editor-context';

/** Signing in and out of the desk. The sign-in form's double-submit token is checked by the desk middleware. */
export const session = {
  login: defineAction({
    accept: 'form',
    input: loginFormSchema,
    handler: async (input, context) => {
      const db = await getDb();
      const outcome = await attemptLogin(db, {
        email: input.email,
        password: input.password,
        address: clientKeyOf(context),
        deviceToken: context.cookies.get(DEVICE_COOKIE)?.value,
      });
      if (!outcome.ok && outcome.reason === 'throttled') {
        // The middleware turns this into Retry-After on the 429.
        context.locals.retryAfterSeconds = outcome.retryAfterSeconds;
        throw new ActionError({
          code: 'TOO_MANY_REQUESTS',
          message: `Too many failed sign-ins. Wait ${String(outcome.retryAfterSeconds)} seconds and try again.`,
        });
      }
      if (!outcome.ok) throw new ActionError({ code: 'UNAUTHORIZED', message: LOGIN_FAILED });
      await recordAudit(db, {
        editor: outcome.editor,
        action: 'auth.login',
        targetType: 'editor',
        targetId: outcome.editor.id,
      });
      const https = clientUsesHttps(context);
      setSessionCookie(context.cookies, outcome.token, outcome.expiresAt, https);
      setDeviceCookie(context.cookies, outcome.deviceToken, https);
      context.cookies.delete(LOGIN_CSRF_COOKIE, { path: '/desk' });
      return { redirect: safeNext(input.next) };
    },
  }),
  logout: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const editor = requireEditor(context);
      const db = await getDb();
      await recordAudit(db, { editor, action: 'auth.logout', targetType: 'editor', targetId: editor.id });
      await deleteSession(db, context.cookies.get(SESSION_COOKIE)?.value);
      clearSessionCookie(context.cookies);
      return { redirect: '/desk/login?signedout=1' };
    },
  }),
};
