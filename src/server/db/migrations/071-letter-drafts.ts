import type { Migration } from '../migrate';

/**
 * Drafts started in the desk live here until `npm run drafts:pull` writes them into the
 * letters folder of the machine that builds the site; no instance needs a writable disk.
 */
export const m071LetterDrafts: Migration = {
  id: 71,
  name: 'letter-drafts',
  up: `
    CREATE TABLE letter_drafts (
      id {{ID}},
      question_id BIGINT NOT NULL REFERENCES questions (id),
      file_name TEXT NOT NULL UNIQUE,
      content TEXT NOT NULL,
      columnist TEXT NOT NULL,
      created_by BIGINT NOT NULL REFERENCES editors (id),
      created_at BIGINT NOT NULL,
      pulled_at BIGINT
    );
    CREATE INDEX letter_drafts_pending ON letter_drafts (pulled_at, id)
  `,
};
