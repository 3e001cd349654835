/**
 * The reply form's limits and what a reader is told when they miss one, shared by the
 * schema, the island and the no-JavaScript page so every path says the same words.
 */
export const REPLY_LIMITS = {
  nameMax: 60,
  bodyMax: 5000,
  emailMax: 254,
} as const;

export const REPLY_MESSAGES = {
  nameMissing: 'Please add your name (up to 60 characters); any name you like will do.',
  nameLong: 'Please keep your name to 60 characters or fewer.',
  bodyMissing: 'Please write your reply (up to 5,000 characters).',
  bodyLong: 'Please keep your reply to 5,000 characters or fewer.',
  email: 'Please enter a valid email address, or leave it empty.',
} as const;
