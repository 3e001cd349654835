import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { questionSubmissionSchema } from '../schemas/question';
import { listTopics } from '../server/catalogue/manifest';
import { getDb } from '../server/db';
import { describeWait, submitQuestion, type SubmitOutcome } from '../server/questions/submit';
import { clientKeyOf } from '../server/request';
import { generateStatusToken } from '../server/questions/tokens';
import { issueFormStamp } from '../server/spam';
import { errorFields, log } from '../server/log';

let topicIds: Promise<Set<string>> | undefined;

/** Topic ids from the build's catalogue manifest, read once per process; a failed read is tried again next time. */
function knownTopics(): Promise<Set<string>> {
  topicIds ??= listTopics().then(
    (all) => new Set(all.map((t) => t.id)),
    (err: unknown) => {
      topicIds = undefined;
      throw err;
    },
  );
  return topicIds;
}

const inputSchema = questionSubmissionSchema.extend({
  topic: questionSubmissionSchema.shape.topic.refine(
    async (id) => (await knownTopics()).has(id),
    'Please choose a topic from the list.',
  ),
  /** Honeypot: hidden from people, tempting to bots. */
  website: z.string().max(500).optional(),
  /** Signed time the form was shown. */
  stamp: z.string().max(200).optional(),
});

function refusal(outcome: Exclude<SubmitOutcome, { ok: true }>): ActionError {
  switch (outcome.reason) {
    case 'honeypot':
      return new ActionError({
        code: 'BAD_REQUEST',
        message: 'Your question could not be sent. Please reload the page and try again.',
      });
    case 'expired':
      return new ActionError({
        code: 'BAD_REQUEST',
        message: 'This form has expired. Your text is still here; please press the button again to send it.',
      });
    case 'duplicate':
      return new ActionError({
        code: 'CONFLICT',
        message:
          'You have already sent us this exact question, and it is safely with us. There is no need to send it twice.',
      });
    case 'rate-limited':
      return new ActionError({
        code: 'TOO_MANY_REQUESTS',
        message: `You have sent several questions in a short time. Please try again in ${describeWait(outcome.retryAfterSeconds)}.`,
      });
  }
}

export const questions = {
  /** Stores a visitor's question and returns the private status token for their link. */
  submit: defineAction({
    accept: 'form',
    input: inputSchema,
    handler: async (input, context) => {
      let outcome: SubmitOutcome;
      try {
        const db = await getDb();
        outcome = await submitQuestion(
          db,
          {
            pseudonym: input.pseudonym,
            email: input.email,
            topic: input.topic,
            body: input.body,
            consent: input.consent,
            clientKey: clientKeyOf(context),
          },
          { honeypot: input.website, stamp: input.stamp },
        );
      } catch (err) {
        log('questions').error(errorFields(err), 'could not store a question');
        throw new ActionError({
          code: 'SERVICE_UNAVAILABLE',
          message: 'We could not save your question just now, so nothing was sent. Please try again in a minute.',
        });
      }
      // A bot that filled the honeypot is told its question arrived; nothing was stored.
      if (!outcome.ok && outcome.reason === 'honeypot') {
        return { token: generateStatusToken() };
      }
      if (!outcome.ok) {
        // The middleware turns this into Retry-After on the 429, for the plain form post and fetch alike.
        if (outcome.reason === 'rate-limited') context.locals.retryAfterSeconds = outcome.retryAfterSeconds;
        throw refusal(outcome);
      }
      return { token: outcome.token };
    },
  }),
  /** A fresh form stamp, for a page left open longer than a stamp lives. */
  stamp: defineAction({
    handler: () => ({ stamp: issueFormStamp() }),
  }),
};
