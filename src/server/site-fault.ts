/**
 * What a caller is told of a fault of the site's own (an unreadable file, an unexpected database
 * error): a plain line and a wait. The fault's own words can name files or the database, so they
 * go to the log only.
 */
export const SITE_FAULT = {
  /** The line a reader, visitor or editor sees. */
  message: 'Something went wrong on our side. Please try again in a minute.',
  /** Sent as Retry-After with the 503. */
  retryAfterSeconds: 60,
} as const;
