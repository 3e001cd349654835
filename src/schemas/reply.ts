import { z } from 'astro/zod';
import { REPLY_LIMITS as L, REPLY_MESSAGES as M } from '../lib/reply-rules';
import { requiredText } from './form-fields';

/** Letter slugs as used in URLs. */
const letterId = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'not a letter address');

const replyId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A reply token from the author's browser (see server/replies/tokens). */
const token = z.string().max(200);

/** replies.list: one page of a letter's thread. */
export const listRepliesInput = z.object({
  /** Slug of the letter. */
  letterId,
  /** oldest | newest | helpful */
  sort: z.enum(['oldest', 'newest', 'helpful']).default('oldest'),
  /** 1-based page of top-level threads. */
  page: z.number().int().min(1).max(10_000).default(1),
  /** Tokens the reader holds, so their held replies show. */
  tokens: z.array(token).max(50).default([]),
});

/** GET /api/replies/<letter>?sort=&page=: one public page of a thread (query values are strings). */
export const threadPageQuery = z.object({
  /** Slug of the letter. */
  letterId,
  /** oldest | newest | helpful */
  sort: z.enum(['oldest', 'newest', 'helpful'], 'sort must be oldest, newest or helpful').default('oldest'),
  /** 1-based page of top-level threads. */
  page: z.coerce.number('page must be a whole number').int('page must be a whole number').min(1).max(10_000).default(1),
});

/** replies.session: what only this reader gets (form stamp, own held replies). */
export const readerStateInput = z.object({
  /** Slug of the letter. */
  letterId,
  /** Tokens the reader holds, so their held replies show. */
  tokens: z.array(token).max(50).default([]),
});

/** replies.create: a new reply from a reader (also posted by the plain HTML form). */
export const createReplyInput = z.object({
  /** Slug of the letter replied to. */
  letterId,
  /** The reply answered; absent for a top-level reply. */
  parentId: replyId.optional(),
  /** Display name, shown with the reply. */
  name: requiredText(M.nameMissing, L.nameMax, M.nameLong),
  /** Never shown; only used for reply notifications the reader asks for. */
  email: z.string().trim().max(L.emailMax, M.email).pipe(z.email(M.email)).optional(),
  /** "Tell me about replies to my reply" (needs an email). */
  notify: z.boolean().default(false),
  /** Markdown subset. */
  body: requiredText(M.bodyMissing, L.bodyMax, M.bodyLong),
  /** Signed "form shown at" stamp. */
  stamp: z.string().max(200).default(''),
  /** Honeypot; must stay empty. */
  website: z.string().max(500).optional(),
  /** The signed author key the reader's browser kept from an earlier reply (the plain form sends it as a cookie). */
  authorKey: z.string().max(200).optional(),
});

/** replies.edit: the author's correction within the edit window. */
export const editReplyInput = z.object({
  id: replyId,
  token,
  /** The new Markdown text. */
  body: createReplyInput.shape.body,
});

/** replies.delete: the author removes their reply within the edit window. */
export const deleteReplyInput = z.object({ id: replyId, token });

/** replies.vote: one "Helpful" vote. */
export const voteReplyInput = z.object({
  id: replyId,
  /** Random id the reader's browser keeps; votes are counted per client address, not by this id. */
  voterId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid voter id'),
});
