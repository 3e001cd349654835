import type { Migration } from '../migrate';

/** Questions sent through /ask and the history of each one's state. */
export const m030Questions: Migration = {
  id: 30,
  name: 'questions',
  up: `
    CREATE TABLE questions (
      id {{ID}},
      pseudonym TEXT NOT NULL,
      email TEXT,
      topic TEXT NOT NULL,
      body TEXT NOT NULL,
      consent INTEGER NOT NULL,
      state TEXT NOT NULL DEFAULT 'received',
      letter_slug TEXT,
      status_token_hash TEXT NOT NULL,
      client_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      CHECK (state IN ('received', 'shortlisted', 'answered', 'declined')),
      CHECK (consent IN (0, 1))
    );
    CREATE UNIQUE INDEX questions_status_token ON questions (status_token_hash);
    CREATE UNIQUE INDEX questions_sender_text ON questions (client_key, fingerprint);
    CREATE INDEX questions_state_created ON questions (state, created_at);
    CREATE INDEX questions_created ON questions (created_at);
    CREATE TABLE question_events (
      id {{ID}},
      question_id BIGINT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
      state TEXT NOT NULL,
      at BIGINT NOT NULL,
      by TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX question_events_question ON question_events (question_id, at)
  `,
};
