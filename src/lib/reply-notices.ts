/** Told to a reader who asked for reply notifications from an address not confirmed yet (island and plain page). */
export const CONFIRM_NOTICE =
  'To get emails about replies, confirm your address with the link we will send you once your reply is published.';
