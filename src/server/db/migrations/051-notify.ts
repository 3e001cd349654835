import type { Migration } from '../migrate';

/**
 * Outgoing mail waits in the outbox until a sender claims it (or, without SMTP, until an
 * editor reads it in the desk). `notified_replies` remembers which replies already produced
 * a reader notification, so a reply is announced once even when several instances flush.
 */
export const m051Notify: Migration = {
  id: 51,
  name: 'notify',
  up: `
    CREATE TABLE outbox (
      id {{ID}},
      kind TEXT NOT NULL,
      recipient TEXT NOT NULL,
      subject TEXT NOT NULL,
      body_text TEXT NOT NULL,
      unsubscribe_url TEXT,
      created_at BIGINT NOT NULL,
      claimed_until BIGINT NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      sent_at BIGINT
    );
    CREATE INDEX outbox_pending ON outbox (sent_at, created_at);
    CREATE TABLE notified_replies (
      reply_id BIGINT PRIMARY KEY,
      notified_at BIGINT NOT NULL
    );
    CREATE TABLE notify_unsubscribes (
      email TEXT PRIMARY KEY,
      created_at BIGINT NOT NULL
    )
  `,
};
