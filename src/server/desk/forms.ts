import { NOTICE_PARAMS, noticeQuery, type NoticeKey } from '../../lib/desk-notice';

/** A positive integer from a route or query parameter, or undefined. */
export function positiveInt(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
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
