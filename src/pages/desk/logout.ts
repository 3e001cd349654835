import type { APIRoute } from 'astro';
import { clearSessionCookie, SESSION_COOKIE } from '../../server/auth/cookies';
import { deleteSession } from '../../server/auth/sessions';
import { getDb } from '../../server/db';
import { recordAudit } from '../../server/desk/audit';

export const prerender = false;

/** Ends the session (the middleware has already checked the CSRF token). */
export const POST: APIRoute = async ({ cookies, locals, redirect }) => {
  const db = await getDb();
  const editor = locals.desk?.editor;
  if (editor) await recordAudit(db, { editor, action: 'auth.logout', targetType: 'editor', targetId: editor.id });
  await deleteSession(db, cookies.get(SESSION_COOKIE)?.value);
  clearSessionCookie(cookies);
  return redirect('/desk/login?signedout=1', 303);
};
