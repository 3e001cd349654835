import type { Migration } from '../migrate';

/**
 * Why a question is set aside as suspected spam (null for an ordinary one). A post that
 * arrives faster than a person types is kept rather than dropped, because a quick human or
 * a browser's autofill looks the same; editors see it under "Suspected spam" and can restore it.
 */
export const m031QuestionSpam: Migration = {
  id: 31,
  name: 'question-spam',
  up: `ALTER TABLE questions ADD COLUMN spam_reason TEXT`,
};
