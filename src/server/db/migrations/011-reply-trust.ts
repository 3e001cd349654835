import type { Migration } from '../migrate';

/**
 * What a visitor must prove before the site trusts them:
 * - `notify_confirmations`: an address whose owner pressed the button in a confirmation
 *   mail, for the author key that posted the reply (only these pairs get reply notifications);
 * - `notify_confirm_requests`: which replies already produced a confirmation mail, and when,
 *   so an address receives at most one such mail a day;
 * - `used_form_stamps`: the nonce of every form stamp already spent, so a stamp posts once.
 */
export const m011ReplyTrust: Migration = {
  id: 11,
  name: 'reply-trust',
  up: `
    CREATE TABLE notify_confirmations (
      email TEXT NOT NULL,
      replier_key TEXT NOT NULL,
      confirmed_at BIGINT NOT NULL,
      PRIMARY KEY (email, replier_key)
    );
    CREATE TABLE notify_confirm_requests (
      reply_id BIGINT PRIMARY KEY,
      email TEXT NOT NULL,
      requested_at BIGINT NOT NULL
    );
    CREATE INDEX notify_confirm_requests_email ON notify_confirm_requests (email, requested_at);
    CREATE TABLE used_form_stamps (
      nonce TEXT PRIMARY KEY,
      issued_at BIGINT NOT NULL
    );
    CREATE INDEX used_form_stamps_issued ON used_form_stamps (issued_at)
  `,
};
