import { z } from 'astro/zod';

/** A subject the column files letters under; the list lives in content/topics.json. */
export const topicSchema = z.object({
  /** URL-safe identifier used in letters' `topics` and in /topics/<id>/. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by hyphens'),
  /** Human name shown in navigation and on the topic page. */
  name: z.string().min(1),
  /** One or two sentences that introduce the topic page. */
  description: z.string().min(1),
});

export type Topic = z.infer<typeof topicSchema>;
