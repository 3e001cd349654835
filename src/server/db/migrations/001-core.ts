import type { Migration } from '../migrate';

/** Shared infrastructure: rate-limit counters and the key/value settings table. */
export const m001Core: Migration = {
  id: 1,
  name: 'core',
  up: `
    CREATE TABLE rate_limits (
      bucket TEXT NOT NULL,
      client_key TEXT NOT NULL,
      window_start BIGINT NOT NULL,
      hits INTEGER NOT NULL,
      PRIMARY KEY (bucket, client_key, window_start)
    );
    CREATE INDEX rate_limits_window ON rate_limits (window_start);
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
