import type { Migration } from '../migrate';

/** Which reply each imported WordPress or Disqus comment became, so running an import twice adds nothing. */
export const m052Imports: Migration = {
  id: 52,
  name: 'imports',
  up: `
    CREATE TABLE imported_comments (
      source TEXT NOT NULL,
      source_id TEXT NOT NULL,
      reply_id BIGINT NOT NULL REFERENCES replies (id),
      imported_at BIGINT NOT NULL,
      PRIMARY KEY (source, source_id)
    )
  `,
};
