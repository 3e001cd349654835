/** Where a reply stands in moderation. */
export type ReplyStatus = 'held' | 'published' | 'rejected' | 'spam';

export const replyStatuses: readonly ReplyStatus[] = ['held', 'published', 'rejected', 'spam'];

/** A row of the `replies` table as stored. */
export interface ReplyRow {
  id: number;
  letter_id: string;
  parent_id: number | null;
  depth: number;
  author_name: string;
  author_email: string | null;
  notify_replies: number;
  body_markdown: string;
  body_html: string;
  status: ReplyStatus;
  hold_reason: string | null;
  is_columnist: number;
  client_key: string;
  replier_key: string;
  fingerprint: string;
  helpful_count: number;
  created_at: number;
  updated_at: number;
  /** Last change of text by the author (not by a moderator, not an approval); null if never. */
  edited_at: number | null;
  deleted_at: number | null;
}
