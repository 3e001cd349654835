import { CONFIRM_NOTICE } from '../../lib/reply-notices';
import { buildReplyTree, replySorts, type ReplySort } from '../../lib/reply-tree';
import type { ReplyPage } from './service';
import { EDIT_WINDOW_MS, replyIdFromToken } from './tokens';

/** The sort and page the no-JavaScript replies page's address asks for; anything odd reads as the first page, oldest first. */
export function plainListQuery(params: URLSearchParams): { sort: ReplySort; page: number } {
  const sortParam = params.get('sort');
  const pageParam = Number(params.get('page') ?? '1');
  return {
    sort: replySorts.find((s) => s === sortParam) ?? 'oldest',
    page: Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1,
  };
}

/** Where a plain post that succeeded sends the reader: back to the thread, with a notice and the reply in view. */
export function afterPlainPost(
  base: string,
  done: {
    created?: { reply: { id: number }; confirmationNeeded: boolean } | undefined;
    edited?: { id: number } | undefined;
    deleted?: unknown;
  },
): string | undefined {
  if (done.created) {
    const id = String(done.created.reply.id);
    return `${base}?posted=${id}${done.created.confirmationNeeded ? '&confirm=1' : ''}#reply-${id}`;
  }
  if (done.edited) return `${base}?edited=${String(done.edited.id)}#reply-${String(done.edited.id)}`;
  if (done.deleted) return `${base}?deleted=1`;
  return undefined;
}

/** Everything the no-JavaScript replies page shows besides the letter, from one page of the thread. */
export function plainThreadView(
  listing: ReplyPage,
  input: {
    sort: ReplySort;
    /** The reader's author tokens, from their cookie. */
    tokens: readonly string[];
    params: URLSearchParams;
    /** The fields of a refused reply, to put back in the form. */
    reposted?: ((name: string) => string) | undefined;
  },
  now = Date.now(),
) {
  const { params, reposted } = input;
  const { replies } = listing;
  // The reader's own replies still inside the edit window get Edit and Delete.
  const changeable: Record<number, string> = {};
  for (const token of input.tokens) {
    const own = replies.find((r) => r.id === replyIdFromToken(token) && !r.deleted);
    if (own && now - own.createdAt < EDIT_WINDOW_MS) changeable[own.id] = token;
  }
  const parentId = Number(reposted ? reposted('parentId') : (params.get('parent') ?? '')) || undefined;
  const posted = replies.find((r) => r.id === Number(params.get('posted') ?? ''));
  const confirmNote = params.has('confirm') ? ` ${CONFIRM_NOTICE}` : '';
  return {
    tree: buildReplyTree(replies, input.sort),
    changeable,
    editing: replies.find((r) => r.id === Number(params.get('edit')) && changeable[r.id] !== undefined),
    parent: parentId === undefined ? undefined : replies.find((r) => r.id === parentId && !r.deleted),
    values: {
      name: reposted?.('name') ?? '',
      email: reposted?.('email') ?? '',
      body: reposted?.('body') ?? '',
      notify: reposted?.('notify') === 'true',
    },
    outcome: posted
      ? posted.held
        ? `Thank you. Your reply is awaiting moderation; only you can see it until it is approved.${confirmNote}`
        : `Thank you. Your reply was posted.${confirmNote}`
      : params.has('edited')
        ? 'Your reply was saved.'
        : params.has('deleted')
          ? 'Your reply was deleted.'
          : undefined,
  };
}

export const SORT_LABELS: Record<ReplySort, string> = { oldest: 'Oldest', newest: 'Newest', helpful: 'Most helpful' };
