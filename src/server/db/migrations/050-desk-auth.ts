import type { Migration } from '../migrate';

/**
 * Editors of the desk, their sessions (kept in the database so any server instance
 * can serve any editor), failed-login counters for the lockout, and the audit log.
 */
export const m050DeskAuth: Migration = {
  id: 50,
  name: 'desk-auth',
  up: `
    CREATE TABLE editors (
      id {{ID}},
      email TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      disabled INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE editor_sessions (
      token_hash TEXT PRIMARY KEY,
      editor_id BIGINT NOT NULL REFERENCES editors (id),
      csrf_token TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      last_seen_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL
    );
    CREATE INDEX editor_sessions_editor ON editor_sessions (editor_id);
    CREATE INDEX editor_sessions_expiry ON editor_sessions (expires_at);
    CREATE TABLE login_failures (
      throttle_key TEXT PRIMARY KEY,
      failures INTEGER NOT NULL,
      last_failure_at BIGINT NOT NULL,
      blocked_until BIGINT NOT NULL
    );
    CREATE TABLE audit_log (
      id {{ID}},
      editor_id BIGINT,
      editor_email TEXT NOT NULL,
      action TEXT NOT NULL,
      target_type TEXT NOT NULL,
      target_id TEXT NOT NULL,
      detail TEXT,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX audit_log_created ON audit_log (created_at)
  `,
};
