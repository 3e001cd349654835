import type { Migration } from '../migrate';

/**
 * A version per letter's thread, bumped by every change a reader could see (new, moderated, edited,
 * deleted or voted reply): it names the thread's cached pages (the ETag), so reading a thread costs
 * one keyed lookup until something changes. The parent index lets a page fetch only its threads.
 */
export const m027ReplyThreads: Migration = {
  id: 27,
  name: 'reply-threads',
  up: `
    CREATE TABLE reply_threads (
      letter_id TEXT PRIMARY KEY,
      version INTEGER NOT NULL
    );
    CREATE INDEX replies_parent ON replies (parent_id)
  `,
};
