import type { Migration } from '../migrate';

/**
 * When the author last changed a reply's text. `updated_at` also moves on approval, holding
 * and deletion, so it cannot tell readers whether a reply was edited; this column can.
 * Rows from before it stay unmarked: an approval and an edit cannot be told apart there.
 */
export const m018ReplyEditedAt: Migration = {
  id: 18,
  name: 'reply-edited-at',
  up: `ALTER TABLE replies ADD COLUMN edited_at BIGINT`,
};
