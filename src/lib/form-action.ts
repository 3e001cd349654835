/** The query parameter Astro reads to know which action a plain form post runs. */
const ACTION_PARAM = '_action';

/**
 * Where a form posts to run `action` on the page it is on: the page's own address, query kept
 * (filters, the chosen letter), so the page that answers a refused post is the same page.
 * `action` is an action as a form's `action` attribute takes it (`?_action=name`).
 */
export function postTo(url: URL, action: { toString(): string }): string {
  const target = new URL(url);
  const name = new URLSearchParams(String(action).replace(/^[^?]*\?/, '')).get(ACTION_PARAM) ?? '';
  target.searchParams.set(ACTION_PARAM, name);
  return target.pathname + target.search;
}

/** The page's address without the action parameter: where to send the editor back after a post. */
export function pageAddress(url: URL): string {
  const target = new URL(url);
  target.searchParams.delete(ACTION_PARAM);
  return target.pathname + target.search;
}
