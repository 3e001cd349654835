import { z } from 'astro/zod';
import { QUESTION_LIMITS, QUESTION_STATES, questionSubmissionSchema } from './question';
import { createReplyInput } from './reply';

/** What an import is checked against besides the rules themselves: ids and names the content defines. */
export interface ImportKnown {
  /** Topic ids from content/topics.json. */
  topics: ReadonlySet<string>;
  /** Columnists' display names (the `name` in content/columnists/*.md): the only names a badged reply can carry. */
  columnistNames: ReadonlySet<string>;
}

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const time = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const flag = z.union([z.literal(0), z.literal(1)]);
const key = z.string().min(1).max(200);
const note = z.string().max(500).nullable().optional();
const letterSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/, 'not a letter address');
const replyEmail = z.string().max(254).pipe(z.email('not an email address'));
/** An address as the notification tables keep it: normalised, so lookups by address match. */
const storedEmail = replyEmail.refine((v) => v === v.trim().toLowerCase(), 'not stored trimmed and lower-case');
const replyStatus = z.enum(['held', 'published', 'rejected', 'spam']);

/**
 * One row per exported table, checked with the rules live input passes: a backup or a hand-edited file
 * can hold only what the site itself could have stored. Objects are strict, so a column without a rule
 * here is refused rather than imported unchecked. Values are checked, not rewritten, except what the
 * importer derives itself (a reply's HTML).
 */
export const importRowSchemas = (known: ImportKnown) =>
  ({
    questions: z.strictObject({
      /** Question number. */
      id,
      /** Signature, as /ask checks it (it goes into a draft's frontmatter). */
      pseudonym: questionSubmissionSchema.shape.pseudonym,
      /** Optional reply address, as /ask checks it. */
      email: z
        .string()
        .refine((v) => questionSubmissionSchema.shape.email.safeParse(v).success && v !== '', 'not an email address')
        .nullable()
        .optional(),
      /** A topic that exists (it goes into a draft's frontmatter). */
      topic: questionSubmissionSchema.shape.topic.refine(
        (t) => known.topics.has(t),
        'not a topic in content/topics.json',
      ),
      /** The question text; checked for size only, since the word limits of /ask have changed over time. */
      body: z
        .string()
        .max(QUESTION_LIMITS.charsMax)
        .refine((v) => v.trim().length > 0, 'the question is empty'),
      /** Permission to publish. */
      consent: flag,
      /** Where the question stands. */
      state: z.enum(QUESTION_STATES).optional(),
      /** The answering letter's slug. */
      letter_slug: letterSlug.nullable().optional(),
      /** Why it was set aside as suspected spam; null for an ordinary question. */
      spam_reason: z.string().max(200).nullable().optional(),
      /** Hash of the visitor's status token. */
      status_token_hash: z.string().regex(/^[0-9a-f]{64}$/, 'not a token hash'),
      /** Sender key for duplicate checks. */
      client_key: key,
      /** Text fingerprint for duplicate checks. */
      fingerprint: key,
      /** When it arrived. */
      created_at: time,
      /** Last change. */
      updated_at: time,
    }),
    question_events: z.strictObject({
      /** Event number. */
      id,
      /** The question it belongs to. */
      question_id: id,
      /** State entered. */
      state: z.enum(QUESTION_STATES),
      /** When. */
      at: time,
      /** Who: "visitor", "script" or an editor's name. */
      by: z.string().min(1).max(200),
      /** Editor's note. */
      note,
    }),
    replies: z
      .strictObject({
        /** Reply number. */
        id,
        /** Letter the reply is on. */
        letter_id: letterSlug,
        /** Reply answered, if any. */
        parent_id: id.nullable().optional(),
        /** Nesting level. */
        depth: z.number().int().min(1).max(4),
        /** Display name, as the reply form checks it. */
        author_name: createReplyInput.shape.name,
        /** Reply address, as the reply form checks it. */
        author_email: replyEmail.nullable().optional(),
        /** Wants notifications. */
        notify_replies: flag.optional(),
        /** The text, as the reply form checks it; the HTML is rendered from it on import. */
        body_markdown: createReplyInput.shape.body,
        /** Ignored: rendered again from body_markdown, never taken from the file. */
        body_html: z.string().optional(),
        /** Moderation state. */
        status: replyStatus,
        /** Why it is held. */
        hold_reason: note,
        /** The columnist's badge. */
        is_columnist: flag.optional(),
        /** Sender key for rate limits. */
        client_key: key,
        /** Replier identity for moderation. */
        replier_key: key,
        /** Text fingerprint for duplicate checks. */
        fingerprint: key,
        /** "Helpful" votes. */
        helpful_count: z.number().int().nonnegative().optional(),
        /** When it was posted. */
        created_at: time,
        /** Last change. */
        updated_at: time,
        /** Author's last edit. */
        edited_at: time.nullable().optional(),
        /** Soft deletion. */
        deleted_at: time.nullable().optional(),
      })
      .refine((r) => r.is_columnist !== 1 || known.columnistNames.has(r.author_name), {
        message: 'a badged reply must be signed with the name of a columnist in content/columnists/',
        path: ['is_columnist'],
      }),
    reply_votes: z.strictObject({
      /** Reply voted for. */
      reply_id: id,
      /** Voter key. */
      voter_key: key,
      /** When. */
      created_at: time,
    }),
    approved_repliers: z.strictObject({
      /** Replier identity. */
      replier_key: key,
      /** When approved. */
      approved_at: time,
    }),
    notify_unsubscribes: z.strictObject({
      /** Address that asked for no more mail. */
      email: replyEmail,
      /** When. */
      created_at: time,
    }),
    notify_confirmations: z.strictObject({
      /** Address whose owner confirmed it, stored trimmed and lower-case as the site does. */
      email: storedEmail,
      /** Author key the confirmation holds for. */
      replier_key: key,
      /** When the owner pressed "Confirm". */
      confirmed_at: time,
    }),
    notify_confirm_requests: z.strictObject({
      /** Reply whose address was asked to confirm. */
      reply_id: id,
      /** Address the request went to, stored trimmed and lower-case. */
      email: storedEmail,
      /** When the mail was queued. */
      requested_at: time,
    }),
    imported_comments: z.strictObject({
      /** Where the comment came from. */
      source: z.enum(['wxr', 'disqus']),
      /** Its id there. */
      source_id: key,
      /** The reply it became. */
      reply_id: id,
      /** When it was imported. */
      imported_at: time,
    }),
    audit_log: z.strictObject({
      /** Entry number. */
      id,
      /** Editor, if the account still exists. */
      editor_id: id.nullable().optional(),
      /** Editor's email at the time. */
      editor_email: z.string().min(1).max(254),
      /** What was done. */
      action: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'not an action name'),
      /** Kind of thing acted on. */
      target_type: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'not a target type'),
      /** Which one. */
      target_id: z.string().max(200),
      /** Free text. */
      detail: z.string().max(2000).nullable().optional(),
      /** When. */
      created_at: time,
    }),
  }) as const;

export type ImportRowSchemas = ReturnType<typeof importRowSchemas>;
