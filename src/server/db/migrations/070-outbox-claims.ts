import type { Migration } from '../migrate';

/**
 * Who holds an outbox claim. Without it a sender whose claim ran out could still mark a
 * message sent after another sender had taken it over, and both would have mailed it.
 */
export const m070OutboxClaims: Migration = {
  id: 70,
  name: 'outbox-claims',
  up: `
    ALTER TABLE outbox ADD COLUMN claim_id TEXT
  `,
};
