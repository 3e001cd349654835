import { z } from 'astro/zod';
import { countWords } from '../lib/word-count';

/** Where a question stands; the desk moves it along, the visitor sees it on the status page. */
export const QUESTION_STATES = ['received', 'shortlisted', 'answered', 'declined'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];
export const questionStateSchema = z.enum(QUESTION_STATES);

/** Limits of the ask form, shared by the server, the island and the page's hints. */
export const QUESTION_LIMITS = {
  pseudonymMin: 2,
  pseudonymMax: 60,
  wordsMin: 30,
  wordsMax: 800,
  /** A ceiling on raw size so a pasted novel is refused before any word counting. */
  charsMax: 8000,
  emailMax: 254,
} as const;

const L = QUESTION_LIMITS;

/** What a visitor sends from /ask (the form's spam fields are checked separately). */
export const questionSubmissionSchema = z.object({
  /** The name the letter is signed with if it is published. */
  pseudonym: z
    .string({ error: 'Please sign your letter with a name of your choice.' })
    .trim()
    .min(L.pseudonymMin, `Please use at least ${L.pseudonymMin} characters.`)
    .max(L.pseudonymMax, `Please keep it to ${L.pseudonymMax} characters or fewer.`),
  /** Optional reply address; never published. */
  email: z
    .string()
    .trim()
    .max(L.emailMax, 'That email address is too long.')
    .pipe(z.email('Please enter a valid email address, or leave it empty.'))
    .optional(),
  /** Topic id from content/topics.json (membership is checked by the action). */
  topic: z
    .string({ error: 'Please choose a topic.' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Please choose a topic from the list.'),
  /** The question itself, in plain text. */
  body: z
    .string({ error: 'Please write your question.' })
    .trim()
    .max(L.charsMax, `Please keep your question under ${L.charsMax} characters.`)
    .superRefine((text, ctx) => {
      const words = countWords(text);
      if (words < L.wordsMin) {
        ctx.addIssue({
          code: 'custom',
          message: `Your question has ${words} ${words === 1 ? 'word' : 'words'}; please write at least ${L.wordsMin}.`,
        });
      } else if (words > L.wordsMax) {
        ctx.addIssue({
          code: 'custom',
          message: `Your question has ${words} words; please shorten it to ${L.wordsMax} or fewer.`,
        });
      }
    }),
  /** Permission to publish an edited version; required. */
  consent: z.boolean().refine((v) => v, 'Please tick this box so PurseBop can publish your letter.'),
});

export type QuestionSubmission = z.infer<typeof questionSubmissionSchema>;
export type QuestionField = keyof QuestionSubmission;
