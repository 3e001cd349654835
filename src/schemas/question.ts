import { z } from 'astro/zod';
import { QUESTION_STATES } from '../lib/question-status';
import {
  bodyProblem,
  consentProblem,
  emailProblem,
  MISSING,
  pseudonymProblem,
  topicProblem,
} from '../lib/question-rules';

export { QUESTION_LIMITS } from '../lib/question-rules';
export { QUESTION_STATES, type QuestionState } from '../lib/question-status';

/** Where a question stands; the desk moves it along, the visitor sees it on the status page. */
export const questionStateSchema = z.enum(QUESTION_STATES);

/** A trimmed string checked by one of the shared rules, so server and browser say the same thing. */
function ruled(missing: string, problem: (value: string) => string | undefined) {
  return z
    .string({ error: missing })
    .trim()
    .superRefine((value, ctx) => {
      const message = problem(value);
      if (message) ctx.addIssue({ code: 'custom', message });
    });
}

/** What a visitor sends from /ask (the form's spam fields are checked separately). */
export const questionSubmissionSchema = z.object({
  /** The name the letter is signed with if it is published. */
  pseudonym: ruled(MISSING.pseudonym, pseudonymProblem),
  /** Optional reply address; never published. */
  email: ruled('Please enter a valid email address, or leave it empty.', emailProblem)
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
  /** Topic id from content/topics.json (membership is checked by the action). */
  topic: ruled(MISSING.topic, topicProblem),
  /** The question itself, in plain text. */
  body: ruled(MISSING.body, bodyProblem),
  /** Permission to publish an edited version; required. */
  consent: z.boolean().superRefine((value, ctx) => {
    const message = consentProblem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  }),
});

export type QuestionSubmission = z.infer<typeof questionSubmissionSchema>;
export type QuestionField = keyof QuestionSubmission;
