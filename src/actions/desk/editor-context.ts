import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { Editor } from '../../server/auth/editors';

/**
 * The signed-in editor a desk action acts for. The desk middleware sets `locals.desk` only after
 * it has checked the session and, for a POST, the form's CSRF token; a desk action reached any
 * other way finds no editor here and is refused.
 */
export function requireEditor(context: Pick<ActionAPIContext, 'locals'>): Editor {
  const editor = context.locals.desk?.editor;
  if (!editor) {
    throw new ActionError({
      code: 'UNAUTHORIZED',
      message: 'Your session has ended. Sign in again and repeat the action.',
    });
  }
  return editor;
}
