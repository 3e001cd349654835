import type { Migration } from '../migrate';

/**
 * Reader replies, their "Helpful" votes, and the repliers a moderator has approved
 * (the hold-first policy lets an approved replier's next replies straight through).
 */
export const m010Replies: Migration = {
  id: 10,
  name: 'replies',
  up: `
    CREATE TABLE replies (
      id {{ID}},
      letter_id TEXT NOT NULL,
      parent_id BIGINT REFERENCES replies (id),
      depth INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 4),
      author_name TEXT NOT NULL,
      author_email TEXT,
      notify_replies INTEGER NOT NULL DEFAULT 0,
      body_markdown TEXT NOT NULL,
      body_html TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('held', 'published', 'rejected', 'spam')),
      hold_reason TEXT,
      is_columnist INTEGER NOT NULL DEFAULT 0,
      client_key TEXT NOT NULL,
      replier_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      helpful_count INTEGER NOT NULL DEFAULT 0,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      deleted_at BIGINT
    );
    CREATE INDEX replies_letter ON replies (letter_id, status, created_at);
    CREATE INDEX replies_status ON replies (status, created_at);
    CREATE INDEX replies_duplicates ON replies (client_key, fingerprint, created_at);
    CREATE TABLE reply_votes (
      reply_id BIGINT NOT NULL REFERENCES replies (id),
      voter_key TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (reply_id, voter_key)
    );
    CREATE TABLE approved_repliers (
      replier_key TEXT PRIMARY KEY,
      approved_at BIGINT NOT NULL
    )
  `,
};
