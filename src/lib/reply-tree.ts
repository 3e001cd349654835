import { countOf } from './plural';

/** How a reader may order a thread. */
export type ReplySort = 'oldest' | 'newest' | 'helpful';

export const replySorts: readonly ReplySort[] = ['oldest', 'newest', 'helpful'];

/** A reply as readers receive it: no email, no client key, HTML already sanitized. */
export interface PublicReply {
  id: number;
  parentId: number | null;
  depth: number;
  authorName: string;
  bodyHtml: string;
  isColumnist: boolean;
  helpfulCount: number;
  createdAt: number;
  edited: boolean;
  /** Awaiting moderation; only ever sent to its own author. */
  held: boolean;
  /** Removed by its author; kept as a placeholder while it has live replies. */
  deleted: boolean;
  /** The Markdown source, sent only to the reply's author (for editing). */
  bodyMarkdown?: string;
}

export interface ReplyNode {
  reply: PublicReply;
  children: ReplyNode[];
}

const comparators: Record<ReplySort, (a: PublicReply, b: PublicReply) => number> = {
  oldest: (a, b) => a.createdAt - b.createdAt || a.id - b.id,
  newest: (a, b) => b.createdAt - a.createdAt || b.id - a.id,
  helpful: (a, b) => b.helpfulCount - a.helpfulCount || a.createdAt - b.createdAt || a.id - b.id,
};

/**
 * Nests a flat list by parentId and orders every level. A reply whose parent is not in
 * the list starts its own thread, and placeholders left with no live replies are dropped.
 */
export function buildReplyTree(replies: readonly PublicReply[], sort: ReplySort): ReplyNode[] {
  const nodes = new Map<number, ReplyNode>(replies.map((r) => [r.id, { reply: r, children: [] }]));
  const roots: ReplyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.reply.parentId === null ? undefined : nodes.get(node.reply.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return prune(roots, comparators[sort]);
}

function prune(level: ReplyNode[], compare: (a: PublicReply, b: PublicReply) => number): ReplyNode[] {
  const kept: ReplyNode[] = [];
  for (const node of level) {
    const children = prune(node.children, compare);
    if (node.reply.deleted && children.length === 0) continue;
    kept.push({ reply: node.reply, children });
  }
  return kept.sort((a, b) => compare(a.reply, b.reply));
}

/** Replies a reader can read (placeholders aside). */
export function countVisible(tree: readonly ReplyNode[]): number {
  return tree.reduce((n, node) => n + (node.reply.deleted ? 0 : 1) + countVisible(node.children), 0);
}

/** "Showing 1 reply" / "Showing 3 replies". */
export function showingLabel(count: number): string {
  return `Showing ${countOf(count, 'reply', 'replies')}`;
}

/** One page of top-level threads (each with all its replies). */
export function pageOfThreads(tree: readonly ReplyNode[], page: number, perPage: number): ReplyNode[] {
  return tree.slice((page - 1) * perPage, page * perPage);
}

// Made on first use, as formatDay's is: the island's first formatter loads locale data while it hydrates.
let timeFormat: Intl.DateTimeFormat | undefined;

/**
 * When a reply was posted, in UTC and said so: the server-rendered page and the browser
 * must print the same words, whatever zone either runs in.
 */
export function formatReplyTime(ms: number): string {
  timeFormat ??= new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return `${timeFormat.format(ms)} UTC`;
}
