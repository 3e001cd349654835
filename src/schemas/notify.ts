import { z } from 'astro/zod';

/** notify.confirm and notify.unsubscribe: the button under a link from a mail. */
export const mailLinkInput = z.object({
  /** The signed token from the link (its `t` query parameter). */
  t: z.string().trim().min(1, 'This link is incomplete.').max(1000, 'This link is not valid.'),
});
