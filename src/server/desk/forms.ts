import { NOTICE_PARAMS, noticeQuery, type NoticeKey } from '../../lib/desk-notice';

/** Positive integer ids from repeated form fields (checkboxes); anything else is dropped. */
export function idsFromForm(form: FormData, name: string): number[] {
  return form
    .getAll(name)
    .map((v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

/** A positive integer from a route or query parameter, or undefined. */
export function positiveInt(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** A string form field, trimmed; files and missing fields become ''. */
export function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

export { formatTime } from '../../lib/dates';

/** 303 back to a desk page that shows a notice once; the notice is named by its key, never sent as text. */
export function backWith(path: string, key: NoticeKey, counts?: Readonly<Record<string, number>>): string {
  const url = new URL(path, 'http://desk.invalid');
  // A notice left from an earlier action must not mix its counts into this one.
  for (const name of NOTICE_PARAMS) url.searchParams.delete(name);
  for (const [name, value] of new URLSearchParams(noticeQuery(key, counts))) url.searchParams.set(name, value);
  return url.pathname + url.search;
}

/** The posted form; a body that is not a form reads as an empty one, so the page answers with its usual "what did you mean" error instead of a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

/** A file handed to the browser to save, never cached on the way (it holds a reader's letter). */
export function downloadResponse({ fileName, content }: { fileName: string; content: string }): Response {
  return new Response(content, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * A text field of the form that was just posted, read from a copy of the body (the action has
 * read it already), so a refused form can show what was typed. Anything unreadable is ''.
 */
export async function postedText(request: Request, name: string): Promise<string> {
  const form = await request
    .clone()
    .formData()
    .catch(() => undefined);
  const value = form?.get(name);
  return typeof value === 'string' ? value : '';
}
