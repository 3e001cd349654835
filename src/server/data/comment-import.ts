import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { commentHtmlToMarkdown, matchLetter } from '../../lib/comment-html';
import { REPLY_LIMITS } from '../../lib/reply-rules';
import { createReplyInput } from '../../schemas/reply';
import type { Db } from '../db';
import { insertReply, MAX_DEPTH, type ReplyStatus } from '../replies/repository';

/** One comment from another system, before it is matched to a letter. */
export interface ForeignComment {
  sourceId: string;
  parentSourceId: string | null;
  /** URL and slug-like names of the post it was left on, tried in order. */
  threadHints: string[];
  authorName: string;
  authorEmail: string | null;
  html: string;
  createdAt: number;
  status: ReplyStatus | 'skip';
  /** Why this comment cannot be imported (e.g. an unreadable date); it is reported as skipped. */
  problem?: string;
}

export interface ImportReport {
  source: 'wxr' | 'disqus';
  imported: number;
  alreadyImported: number;
  skipped: { sourceId: string; reason: string }[];
  unmatched: { sourceId: string; thread: string }[];
}

export class CommentImportError extends Error {
  override name = 'CommentImportError';
}

function asArray<T>(v: T | T[] | undefined): T[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && '#text' in v) return text(v['#text']);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function parseXml(xml: string, root: string): Record<string, unknown> {
  // The parser is lenient, so a file cut off mid-transfer is caught here instead of half-imported.
  if (!new RegExp(`</${root}>\\s*$`).test(xml)) {
    throw new CommentImportError(
      `The file looks incomplete or is not the right kind: it does not end with </${root}>.`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
  });
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new CommentImportError(
      `The file is not well-formed XML: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Comments longer than this are reported and skipped: no real comment comes near it. */
export const MAX_COMMENT_HTML = 100_000;

/** A comment's time in epoch milliseconds, or a problem to report when the date cannot be read. */
function time(value: string): { at: number; problem?: string } {
  // WordPress writes "2024-01-02 10:20:30" in UTC for *_gmt fields.
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return { at: 0, problem: `unreadable date "${value.slice(0, 40)}"` };
  return { at: t };
}

type Node = Record<string, unknown>;

/** Comments from a WordPress export (WXR): items with wp:comment children. */
export function readWxr(xml: string): ForeignComment[] {
  const doc = parseXml(xml, 'rss');
  const channel = (doc.rss as Node | undefined)?.channel as Node | undefined;
  if (!channel) throw new CommentImportError('This is not a WordPress export: no <rss><channel> found.');
  const out: ForeignComment[] = [];
  for (const item of asArray(channel.item as Node | Node[] | undefined)) {
    const hints = [text(item.link), text(item['wp:post_name']), text(item.guid)].filter(Boolean);
    for (const c of asArray(item['wp:comment'] as Node | Node[] | undefined)) {
      const id = text(c['wp:comment_id']);
      const type = text(c['wp:comment_type']);
      const approved = text(c['wp:comment_approved']);
      const parent = text(c['wp:comment_parent']);
      const status: ForeignComment['status'] =
        type === 'pingback' || type === 'trackback' || approved === 'trash'
          ? 'skip'
          : approved === '1'
            ? 'published'
            : approved === 'spam'
              ? 'spam'
              : 'held';
      const when = time(text(c['wp:comment_date_gmt']) || text(c['wp:comment_date']));
      out.push({
        sourceId: id,
        parentSourceId: parent && parent !== '0' ? parent : null,
        threadHints: hints,
        authorName: text(c['wp:comment_author']) || 'Anonymous',
        authorEmail: text(c['wp:comment_author_email']) || null,
        html: text(c['wp:comment_content']),
        createdAt: when.at,
        status,
        ...(when.problem ? { problem: when.problem } : {}),
      });
    }
  }
  return out;
}

/** Comments from a Disqus export: <thread> elements and <post> elements pointing at them. */
export function readDisqus(xml: string): ForeignComment[] {
  const doc = parseXml(xml, 'disqus');
  const root = doc.disqus as Node | undefined;
  if (!root) throw new CommentImportError('This is not a Disqus export: no <disqus> root found.');
  const threads = new Map<string, string[]>();
  for (const t of asArray(root.thread as Node | Node[] | undefined)) {
    threads.set(text(t['@dsq:id']), [text(t.link), text(t.id)].filter(Boolean));
  }
  return asArray(root.post as Node | Node[] | undefined).map((p) => {
    const id = text(p['@dsq:id']);
    const author = (p.author ?? {}) as Node;
    const threadId = text((p.thread as Node | undefined)?.['@dsq:id']);
    const parentId = text((p.parent as Node | undefined)?.['@dsq:id']);
    const deleted = text(p.isDeleted) === 'true';
    const when = time(text(p.createdAt));
    return {
      sourceId: id,
      parentSourceId: parentId || null,
      threadHints: threads.get(threadId) ?? [],
      authorName: text(author.name) || 'Anonymous',
      authorEmail: text(author.email) || null,
      html: text(p.message),
      createdAt: when.at,
      status: deleted ? 'skip' : text(p.isSpam) === 'true' ? 'spam' : 'published',
      ...(when.problem ? { problem: when.problem } : {}),
    };
  });
}

type Placed = Map<string, { replyId: number; depth: number; parentId: number | null; letterId: string }>;

/** At most `max` UTF-16 units, never ending inside a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Converts and stores one comment, or says why it was not. */
async function importOne(
  db: Db,
  source: 'wxr' | 'disqus',
  c: ForeignComment,
  knownLetters: ReadonlySet<string>,
  placed: Placed,
  now: number,
): Promise<{ kind: 'imported' } | { kind: 'unmatched'; thread: string } | { kind: 'skipped'; reason: string }> {
  const letterId = matchLetter(c.threadHints, knownLetters);
  if (!letterId) return { kind: 'unmatched', thread: c.threadHints[0] ?? '(no link)' };
  const body = clip(commentHtmlToMarkdown(c.html), REPLY_LIMITS.bodyMax).trim();
  if (!body) return { kind: 'skipped', reason: 'empty comment' };
  const parent = c.parentSourceId ? placed.get(c.parentSourceId) : undefined;
  const sameLetter = parent?.letterId === letterId ? parent : undefined;
  const depth = sameLetter ? Math.min(sameLetter.depth + 1, MAX_DEPTH) : 1;
  const parentId = sameLetter ? (sameLetter.depth < MAX_DEPTH ? sameLetter.replyId : sameLetter.parentId) : null;
  // Stored like a reply from the form: an address the form would refuse is dropped, the name is clipped.
  const checked = c.authorEmail ? createReplyInput.shape.email.safeParse(c.authorEmail) : undefined;
  const email = checked?.success ? (checked.data ?? null) : null;
  const name = clip(c.authorName.trim(), REPLY_LIMITS.nameMax).trim() || 'Anonymous';
  const identity = email ? `e:${email.trim().toLowerCase()}` : `n:${name.toLowerCase()}|import`;
  const replyId = await db.transaction(async (tx) => {
    const row = await insertReply(tx, {
      letterId,
      parentId,
      depth,
      authorName: name,
      authorEmail: email,
      notifyReplies: false,
      bodyMarkdown: body,
      status: c.status as ReplyStatus,
      holdReason: c.status === 'held' ? `imported from ${source} unapproved` : null,
      isColumnist: false,
      clientKey: `import:${source}`,
      replierKey: createHash('sha256').update(identity).digest('hex'),
      now: c.createdAt,
    });
    await tx.run('INSERT INTO imported_comments (source, source_id, reply_id, imported_at) VALUES (?, ?, ?, ?)', [
      source,
      c.sourceId,
      row.id,
      now,
    ]);
    return row.id;
  });
  placed.set(c.sourceId, { replyId, depth, parentId, letterId });
  return { kind: 'imported' };
}

/**
 * Stores matched comments as replies, keeping threads: a parent is stored before its
 * children, nesting stops at MAX_DEPTH like readers' replies, and a comment whose parent
 * was not imported starts its own thread. Already imported comments are skipped.
 */
export async function importComments(
  db: Db,
  source: 'wxr' | 'disqus',
  comments: readonly ForeignComment[],
  knownLetters: ReadonlySet<string>,
  now = Date.now(),
): Promise<ImportReport> {
  const report: ImportReport = { source, imported: 0, alreadyImported: 0, skipped: [], unmatched: [] };
  const placed: Placed = new Map();
  const existing = await db.all<{
    source_id: string;
    reply_id: number;
    depth: number;
    parent_id: number | null;
    letter_id: string;
  }>(
    `SELECT i.source_id, i.reply_id, r.depth, r.parent_id, r.letter_id FROM imported_comments i JOIN replies r ON r.id = i.reply_id WHERE i.source = ?`,
    [source],
  );
  for (const e of existing)
    placed.set(e.source_id, { replyId: e.reply_id, depth: e.depth, parentId: e.parent_id, letterId: e.letter_id });

  const ordered = [...comments].sort((a, b) => a.createdAt - b.createdAt || a.sourceId.localeCompare(b.sourceId));
  for (const c of ordered) {
    if (!c.sourceId) {
      report.skipped.push({ sourceId: '(none)', reason: 'no id' });
      continue;
    }
    if (placed.has(c.sourceId)) {
      report.alreadyImported++;
      continue;
    }
    if (c.status === 'skip') {
      report.skipped.push({ sourceId: c.sourceId, reason: 'deleted, trashed or a pingback' });
      continue;
    }
    if (c.problem) {
      report.skipped.push({ sourceId: c.sourceId, reason: c.problem });
      continue;
    }
    if (c.html.length > MAX_COMMENT_HTML) {
      report.skipped.push({ sourceId: c.sourceId, reason: `longer than ${String(MAX_COMMENT_HTML)} characters` });
      continue;
    }
    // One comment that cannot be read or stored is reported and skipped; the rest of the file still lands.
    try {
      const stored = await importOne(db, source, c, knownLetters, placed, now);
      if (stored.kind === 'unmatched') report.unmatched.push({ sourceId: c.sourceId, thread: stored.thread });
      else if (stored.kind === 'skipped') report.skipped.push({ sourceId: c.sourceId, reason: stored.reason });
      else report.imported++;
    } catch (err) {
      report.skipped.push({
        sourceId: c.sourceId,
        reason: `could not be imported: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  return report;
}
