import { z } from 'astro/zod';
import { questionSubmissionSchema } from './question';

/** Ids a draft may refer to: what content/ holds when the draft is made. */
export interface DraftKnownIds {
  /** Topic ids from content/topics.json. */
  topics: ReadonlySet<string>;
  /** Columnist ids (file names in content/columnists/). */
  columnists: ReadonlySet<string>;
}

/**
 * A question on its way into a letter draft, checked with the rules live input passes: the pseudonym
 * and topic exactly as /ask checks them, and ids that exist in the content.
 */
export const draftSourceSchema = (known: DraftKnownIds) =>
  z.object({
    /** The question's number; it ends the draft's slug. */
    id: z.number().int().positive(),
    /** How the writer signed the question, checked as on /ask. */
    pseudonym: questionSubmissionSchema.shape.pseudonym,
    /** A topic id that exists in content/topics.json. */
    topic: questionSubmissionSchema.shape.topic.refine(
      (id) => known.topics.has(id),
      'not a topic in content/topics.json',
    ),
    /** The question as typed; it reaches the draft only as string data. */
    body: z.string().refine((text) => text.trim().length > 0, 'the question is empty'),
    /** The columnist who will answer, by id. */
    columnist: z.string().refine((id) => known.columnists.has(id), 'not a columnist in content/columnists/'),
  });

export type DraftSource = z.infer<ReturnType<typeof draftSourceSchema>>;
