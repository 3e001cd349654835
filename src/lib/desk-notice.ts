import { countOf } from './plural';

/**
 * The desk's one-time notices after an action. The redirect carries a key and counts,
 * never text: a link someone else made (`?done=Your password expired, call …`) cannot put
 * words in the desk's mouth. An unknown key, or counts that are not small whole numbers,
 * show nothing.
 */

/** Counts a notice may carry, each a whole number. */
type Counts = Readonly<Record<string, number>>;

/** What the page itself knows from its own records (never from the query string). */
export interface NoticeFacts {
  /** File name of the draft the question's last "Start a draft" wrote. */
  draftFile?: string | undefined;
}

const moderated = (action: string) => (c: Counts) => {
  const missing = c.missing ? ` ${String(c.missing)} could not be found.` : '';
  return `${action}: ${countOf(c.n ?? 0, 'reply', 'replies')} updated.${missing}`;
};

const NOTICES = {
  'columnist-reply': () => 'Columnist reply published.',
  'reply-saved': () => 'Reply text saved.',
  'reply-approve': () => 'Reply approved.',
  'reply-reject': () => 'Reply rejected.',
  'reply-spam': () => 'Reply marked as spam.',
  'reply-hold': () => 'Reply held.',
  'replies-approve': moderated('approve'),
  'replies-reject': moderated('reject'),
  'replies-spam': moderated('spam'),
  'replies-hold': moderated('hold'),
  'question-shortlist': () => 'Question shortlisted.',
  'question-decline': () => 'Question declined.',
  'question-reopen': () => 'Question back to received.',
  'question-answer': () => 'Question marked answered.',
  'draft-written': (_c: Counts, facts: NoticeFacts) => `Draft written to content/letters/${facts.draftFile ?? ''}.`,
  'draft-stored': (_c: Counts, facts: NoticeFacts) =>
    `Draft ${facts.draftFile ?? ''} saved in the desk (Drafts); npm run drafts:pull writes it into content/letters/ where the site is built.`,
  'outbox-flushed': (c: Counts) =>
    `Queued ${countOf(c.digests ?? 0, 'digest', 'digests')} and ${countOf(c.replies ?? 0, 'reply notification', 'reply notifications')}. ` +
    (c.smtp
      ? `${String(c.sent ?? 0)} sent, ${String(c.failed ?? 0)} failed.`
      : 'SMTP is not configured, so messages wait here.'),
} satisfies Record<string, (counts: Counts, facts: NoticeFacts) => string>;

export type NoticeKey = keyof typeof NOTICES;

const COUNT = /^\d{1,9}$/;

/** Every query parameter a notice uses: the key and the counts. */
export const NOTICE_PARAMS = ['done', 'n', 'missing', 'digests', 'replies', 'sent', 'failed', 'smtp'] as const;

/** The query string (without "?") that makes `path` show the notice once. */
export function noticeQuery(key: NoticeKey, counts: Counts = {}): string {
  const params = new URLSearchParams({ done: key });
  for (const [name, value] of Object.entries(counts)) params.set(name, String(Math.max(0, Math.trunc(value))));
  return params.toString();
}

/** The notice a desk page shows for its query string, or undefined. */
export function noticeFor(params: URLSearchParams, facts: NoticeFacts = {}): string | undefined {
  const key = params.get('done');
  if (!key || !Object.hasOwn(NOTICES, key)) return undefined;
  const counts: Record<string, number> = {};
  for (const name of NOTICE_PARAMS.slice(1)) {
    const value = params.get(name);
    if (value === null) continue;
    if (!COUNT.test(value)) return undefined;
    counts[name] = Number(value);
  }
  return NOTICES[key as NoticeKey](counts, facts);
}
