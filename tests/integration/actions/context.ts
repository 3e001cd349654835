import type { Editor } from '../../../src/server/auth/editors';

/** A form from plain fields; arrays become repeated fields, as checkboxes send them. */
export function form(fields: Record<string, string | number | readonly (string | number)[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, String(v));
  }
  return data;
}

/** What Astro hands an action: enough of it for ours (locals, cookies, the request, the peer address). */
export function actionContext(over: { editor?: Editor; address?: string } = {}) {
  const jar = new Map<string, string>();
  return {
    [Symbol.for('astro.actionAPIContext')]: true,
    locals: over.editor ? { desk: { editor: over.editor, csrfToken: 'checked-by-the-middleware' } } : {},
    request: new Request('http://localhost/desk/replies', { method: 'POST' }),
    clientAddress: over.address ?? '192.0.2.10',
    url: new URL('http://localhost/desk/replies'),
    cookies: {
      get: (name: string) => (jar.has(name) ? { value: jar.get(name) } : undefined),
      set: (name: string, value: string) => jar.set(name, value),
      has: (name: string) => jar.has(name),
    },
  };
}

interface Result {
  data?: unknown;
  error?: unknown;
}

/** Runs an action as a form post would, returning its safe result ({ data } or { error }). */
export function call(action: unknown, context: object, input: FormData): Promise<Result> {
  return (action as (this: object, input: FormData) => Promise<Result>).call(context, input);
}
