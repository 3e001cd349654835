import { votingAddress } from '../../lib/voting-address';
import { buildReplyTree, type PublicReply, type ReplySort } from '../../lib/reply-tree';
import type { Db } from '../db';
import { hitRateLimit, type RateRule } from '../rate-limit';
import { isAddressConfirmed } from '../notify/confirm';
import { sign } from '../secret';
import {
  checkFormStamp,
  countLinks,
  findBlockedWord,
  honeypotTripped,
  issueFormStamp,
  MIN_FILL_MS,
  spendFormStamp,
} from '../spam';
import { authorFor } from './author-key';
import { renderReplyMarkdown } from './markdown';
import { decideStatus, type ModerationPolicy } from './policy';
import * as repo from './repository';
import { checkReplyToken, issueReplyToken, replyIdFromToken } from './tokens';
import type { ReplyRow } from './types';

/** Budgets per client address; a flood from one address never slows anyone else. */
export const rateRules = {
  create: { bucket: 'replies.create', limit: 10, windowMs: 60_000 },
  createHourly: { bucket: 'replies.create.hour', limit: 60, windowMs: 3_600_000 },
  change: { bucket: 'replies.change', limit: 30, windowMs: 60_000 },
  vote: { bucket: 'replies.vote', limit: 60, windowMs: 60_000 },
} satisfies Record<string, RateRule>;

/** The same text from the same address within this span is refused as a duplicate. */
/** The hold reason of a reply sent faster than a person types, kept as spam for the moderators. */
export const TOO_FAST_HOLD_REASON = 'posted faster than a person types';
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
/** Top-level threads per page. */
export const THREADS_PER_PAGE = 50;

export type ReplyErrorCode = 'NOT_FOUND' | 'BAD_REQUEST' | 'FORBIDDEN' | 'TOO_MANY_REQUESTS';

/** A refusal the reader can act on; `field` names the form field it belongs next to. */
export class ReplyError extends Error {
  override name = 'ReplyError';
  constructor(
    readonly code: ReplyErrorCode,
    message: string,
    readonly field?: 'name' | 'email' | 'body' | 'parentId',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * A refusal aimed at a bot (the honeypot, a field people never see, was filled): the
 * action answers it with a decoy success, so the bot learns nothing; nothing is stored.
 */
export class BotSuspected extends ReplyError {
  override name = 'BotSuspected';
}

/** What a bot is told instead: a held reply that was never stored, under a token that opens nothing. */
export function decoyCreated(input: CreateInput, now: number): Created {
  return {
    reply: {
      id: 0,
      parentId: input.parentId ?? null,
      depth: 0,
      authorName: input.name,
      bodyHtml: renderReplyMarkdown(input.body),
      isColumnist: false,
      helpfulCount: 0,
      createdAt: now,
      edited: false,
      held: true,
      deleted: false,
      bodyMarkdown: input.body,
    },
    token: '',
    stamp: issueFormStamp(now),
    // Whatever key came in goes back unchanged, so a decoy never replaces a browser's real key.
    authorKey: input.authorKey ?? '',
    confirmationNeeded: false,
  };
}

/** What the server knows about the request, gathered once by the caller (and injectable in tests). */
export interface RequestFacts {
  clientKey: string;
  now: number;
  policy: ModerationPolicy;
  blockedWords: readonly string[];
  letterExists: (letterId: string) => Promise<boolean>;
  minFillMs?: number;
}

export function toPublicReply(row: ReplyRow, own = false): PublicReply {
  const deleted = row.deleted_at !== null;
  const reply: PublicReply = {
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    authorName: deleted ? '' : row.author_name,
    bodyHtml: deleted ? '' : row.body_html,
    isColumnist: row.is_columnist === 1,
    helpfulCount: row.helpful_count,
    createdAt: row.created_at,
    edited: !deleted && row.edited_at !== null,
    // A reply kept as spam reads to its author as one awaiting moderation.
    held: row.status === 'held' || row.status === 'spam',
    deleted,
  };
  if (own && !deleted) reply.bodyMarkdown = row.body_markdown;
  return reply;
}

async function requireLetter(facts: RequestFacts, letterId: string): Promise<void> {
  if (!(await facts.letterExists(letterId))) throw new ReplyError('NOT_FOUND', 'There is no letter at this address.');
}

async function spend(db: Db, rule: RateRule, facts: RequestFacts): Promise<void> {
  const verdict = await hitRateLimit(db, rule, facts.clientKey, facts.now);
  if (!verdict.ok) {
    const wait = verdict.retryAfterSeconds;
    throw new ReplyError(
      'TOO_MANY_REQUESTS',
      `Too many attempts from your connection. Please wait ${String(wait)} seconds and try again.`,
      undefined,
      wait,
    );
  }
}

export interface ListInput {
  letterId: string;
  sort: ReplySort;
  page: number;
  /** Reply tokens the reader holds; their held replies are included. */
  tokens: readonly string[];
}

export interface ReplyPage {
  replies: PublicReply[];
  /** Replies a reader can read on the whole letter, all pages. */
  total: number;
  page: number;
  pageCount: number;
  /** A fresh form stamp for the reply form. */
  stamp: string;
}

/** One page of a letter's public thread: the same for every reader, so it can be cached and shared. */
export interface PublicPage {
  replies: PublicReply[];
  /** Replies a reader can read on the whole letter, all pages. */
  total: number;
  page: number;
  pageCount: number;
}

/** A public page and the thread version it was read at (the ETag names that version). */
export interface VersionedPage {
  version: number;
  page: PublicPage;
}

const PAGE_CACHE_SIZE = 200;
/** Pages by letter, version, sort and page, per database; a new version never asks for the old entries. */
const pageCaches = new WeakMap<Db, Map<string, PublicPage>>();

/** The thread's current version: one keyed lookup, enough to answer If-None-Match. */
export function threadVersion(db: Db, letterId: string): Promise<number> {
  return repo.threadVersion(db, letterId);
}

/**
 * One page of top-level threads, read with a query that touches only that page's replies (a
 * 20,000-reply thread pages like a short one), and kept until the thread's version moves on.
 */
export async function readPublicPage(
  db: Db,
  letterId: string,
  sort: ReplySort,
  page: number,
  knownVersion?: number,
): Promise<VersionedPage> {
  const version = knownVersion ?? (await repo.threadVersion(db, letterId));
  const key = `${letterId}\0${String(version)}\0${sort}\0${String(page)}`;
  let pageCache = pageCaches.get(db);
  if (!pageCache) pageCaches.set(db, (pageCache = new Map<string, PublicPage>()));
  const cached = pageCache.get(key);
  if (cached) return { version, page: cached };
  const counts = await repo.countThread(db, letterId);
  const pageCount = Math.max(1, Math.ceil(counts.threads / THREADS_PER_PAGE));
  const current = Math.min(page, pageCount);
  const rows = await repo.listThreadPage(db, letterId, sort, (current - 1) * THREADS_PER_PAGE, THREADS_PER_PAGE);
  const result = {
    replies: flatten(
      buildReplyTree(
        rows.map((r) => toPublicReply(r)),
        sort,
      ),
    ),
    total: counts.replies,
    page: current,
    pageCount,
  };
  if (pageCache.size >= PAGE_CACHE_SIZE) pageCache.delete(pageCache.keys().next().value ?? '');
  pageCache.set(key, result);
  return { version, page: result };
}

function flatten(tree: ReturnType<typeof buildReplyTree>): PublicReply[] {
  const flat: PublicReply[] = [];
  const walk = (nodes: typeof tree) => {
    for (const n of nodes) {
      flat.push(n.reply);
      walk(n.children);
    }
  };
  walk(tree);
  return flat;
}

/** What only this reader gets: a fresh form stamp and their own replies still awaiting moderation. */
export interface ReaderState {
  stamp: string;
  held: PublicReply[];
}

/** The reader's own held replies on a letter (proved by their tokens) and a form stamp; never the thread. */
export async function readerState(
  db: Db,
  input: { letterId: string; tokens: readonly string[] },
  facts: RequestFacts,
): Promise<ReaderState> {
  await requireLetter(facts, input.letterId);
  const own = input.tokens.map(replyIdFromToken).filter((id): id is number => id !== undefined);
  const held = await repo.listOwnHeld(db, input.letterId, own);
  return { stamp: issueFormStamp(facts.now), held: held.map((r) => toPublicReply(r, true)) };
}

/** One page of a letter's thread as this reader may see it (the no-JavaScript page and the list action). */
export async function listForReader(db: Db, input: ListInput, facts: RequestFacts): Promise<ReplyPage> {
  await requireLetter(facts, input.letterId);
  const [{ page }, mine] = await Promise.all([
    readPublicPage(db, input.letterId, input.sort, input.page),
    readerState(db, input, facts),
  ]);
  // An author's held replies show on the first page, where the form that posted them is.
  const held = page.page === 1 ? mine.held : [];
  return { ...page, replies: [...page.replies, ...held], total: page.total + mine.held.length, stamp: mine.stamp };
}

export interface CreateInput {
  letterId: string;
  parentId?: number | undefined;
  name: string;
  email?: string | undefined;
  notify: boolean;
  body: string;
  stamp: string;
  /** The honeypot; people never see it. */
  website?: string | undefined;
  /** The author key the reader's browser kept from an earlier reply, if any. */
  authorKey?: string | undefined;
}

export interface Created {
  reply: PublicReply;
  /** Proof of authorship for editing, deleting and seeing the reply while held. */
  token: string;
  /** A fresh stamp so the same form can post again. */
  stamp: string;
  /** The reader's author key (the one sent, or a new one): the browser keeps it for the next reply. */
  authorKey: string;
  /** Notifications were asked for, and the address still has to be confirmed through a mailed link. */
  confirmationNeeded: boolean;
}

/** Checks every defence, places the reply in its thread and stores it. */
export async function createReply(db: Db, input: CreateInput, facts: RequestFacts): Promise<Created> {
  await requireLetter(facts, input.letterId);
  await spend(db, rateRules.create, facts);
  await spend(db, rateRules.createHourly, facts);
  if (honeypotTripped(input.website)) {
    throw new BotSuspected(
      'BAD_REQUEST',
      'Your reply could not be accepted. Please leave the "Leave empty" field blank.',
    );
  }
  const stamp = checkFormStamp(input.stamp, facts.now, facts.minFillMs ?? MIN_FILL_MS);
  if (stamp !== 'ok' && stamp !== 'too-fast') {
    throw new ReplyError('BAD_REQUEST', 'This form has expired. Please reload the page and post again.', 'body');
  }
  const placement = await repo.placeReply(db, input.letterId, input.parentId ?? null);
  if (placement === 'missing') {
    throw new ReplyError('BAD_REQUEST', 'The reply you are answering no longer exists.', 'parentId');
  }
  if (placement === 'foreign') {
    throw new ReplyError('BAD_REQUEST', 'The reply you are answering belongs to another letter.', 'parentId');
  }
  if (await repo.hasRecentDuplicate(db, facts.clientKey, input.body, facts.now - DUPLICATE_WINDOW_MS)) {
    throw new ReplyError('BAD_REQUEST', 'You already posted this reply a few minutes ago.', 'body');
  }
  // Only a key this server signed, shown again by the browser it went to, makes a replier known.
  const { authorKey, replierKey: key } = authorFor(input.authorKey);
  // Faster than a person types, yet a quick human or autofill looks the same: the reply is
  // kept as spam (never shown, restorable from the desk) instead of being thrown away.
  const { status, holdReason } =
    stamp === 'too-fast'
      ? { status: 'spam' as const, holdReason: TOO_FAST_HOLD_REASON }
      : decideStatus({
          policy: facts.policy,
          approvedReplier: await repo.isApprovedReplier(db, key),
          links: countLinks(input.body),
          blockedWord: findBlockedWord(`${input.name}\n${input.body}`, facts.blockedWords),
        });
  // Spent last, so a reader who fixes a refused reply can send the same form again.
  if (!(await spendFormStamp(db, input.stamp, facts.now))) {
    throw new ReplyError('BAD_REQUEST', 'This form was already sent. Please reload the page and post again.', 'body');
  }
  const wantsMail = input.notify && Boolean(input.email);
  const row = await repo.insertReply(db, {
    letterId: input.letterId,
    parentId: placement.parentId,
    depth: placement.depth,
    authorName: input.name,
    authorEmail: input.email ?? null,
    notifyReplies: wantsMail,
    bodyMarkdown: input.body,
    status,
    holdReason,
    isColumnist: false,
    clientKey: facts.clientKey,
    replierKey: key,
    now: facts.now,
  });
  return {
    reply: toPublicReply(row, true),
    token: issueReplyToken(row.id, row.created_at),
    stamp: issueFormStamp(facts.now),
    authorKey,
    confirmationNeeded: wantsMail && !(await isAddressConfirmed(db, input.email ?? '', key)),
  };
}

async function ownReply(db: Db, id: number, token: string, facts: RequestFacts): Promise<ReplyRow> {
  const row = await repo.getReply(db, id);
  if (row?.deleted_at !== null) throw new ReplyError('NOT_FOUND', 'This reply no longer exists.');
  const verdict = checkReplyToken(token, row, facts.now);
  if (verdict === 'invalid') throw new ReplyError('FORBIDDEN', 'Only the author can change this reply.');
  if (verdict === 'expired') {
    throw new ReplyError('FORBIDDEN', 'Replies can only be changed for 15 minutes after posting.');
  }
  return row;
}

/** The author's own correction; re-rendered, re-sanitized, and held again if it now looks like spam. */
export async function editReply(
  db: Db,
  input: { id: number; token: string; body: string },
  facts: RequestFacts,
): Promise<PublicReply> {
  await spend(db, rateRules.change, facts);
  const row = await ownReply(db, input.id, input.token, facts);
  const blockedWord = findBlockedWord(input.body, facts.blockedWords);
  const links = countLinks(input.body);
  const suspicious = blockedWord !== undefined || links > 2;
  const { holdReason } = decideStatus({ policy: 'publish', approvedReplier: true, links, blockedWord });
  // The new text and the hold are one write: a published reply never shows text that should be held.
  const updated = await repo.updateReplyBody(db, row.id, input.body, facts.now, {
    byAuthor: true,
    ...(suspicious ? { holdIfPublished: holdReason ?? 'edited' } : {}),
  });
  if (!updated) throw new ReplyError('NOT_FOUND', 'This reply no longer exists.');
  return toPublicReply(updated, true);
}

export async function deleteOwnReply(db: Db, input: { id: number; token: string }, facts: RequestFacts): Promise<void> {
  await spend(db, rateRules.change, facts);
  await ownReply(db, input.id, input.token, facts);
  await repo.deleteReply(db, input.id, facts.now);
}

/**
 * One vote per reply per client address, whatever the browser claims: the voter id it
 * sends is not part of the key, so changing it changes nothing. An IPv6 client counts by
 * its /64, which one subscriber usually holds whole. The address is stored only as a
 * keyed hash. The cost is that people sharing an address share one vote per reply.
 */
export async function voteForReply(
  db: Db,
  input: { id: number; voterId?: string | undefined },
  facts: RequestFacts,
): Promise<{ helpfulCount: number; counted: boolean }> {
  await spend(db, rateRules.vote, facts);
  const row = await repo.getReply(db, input.id);
  if (row?.deleted_at !== null || row.status !== 'published') {
    throw new ReplyError('NOT_FOUND', 'This reply no longer exists.');
  }
  const voterKey = `a:${sign('reply-vote-address', votingAddress(facts.clientKey))}`;
  return repo.voteHelpful(db, row.id, voterKey, facts.now);
}
