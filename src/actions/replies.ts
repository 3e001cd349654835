import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { clientAddress } from '../lib/client-address';
import { FieldError } from './field-error';
import {
  createReplyInput,
  deleteReplyInput,
  editReplyInput,
  listRepliesInput,
  readerStateInput,
  voteReplyInput,
} from '../schemas/reply';
import { config } from '../server/config';
import { getDb } from '../server/db';
import { isDatabaseUnavailable } from '../server/db/errors';
import { letterExists } from '../server/replies/letters';
import * as service from '../server/replies/service';
import { readAuthorCookie } from '../server/replies/token-cookie';

/** How long a reader is asked to wait when the database is busy or away. */
const DB_RETRY_AFTER_SECONDS = 5;

/** Facts about this request, gathered once for the service layer. */
function factsFor(context: ActionAPIContext): service.RequestFacts {
  const c = config();
  return {
    clientKey: clientAddress(context.clientAddress, context.request.headers.get('x-forwarded-for'), c.trustedProxies),
    now: Date.now(),
    policy: c.MODERATION_POLICY,
    blockedWords: config().blockedWords,
    letterExists: (id) => letterExists(id),
  };
}

/** Runs service work and turns its refusals into typed action errors (never a 500 for a reader's mistake). */
async function run<T>(context: ActionAPIContext, work: (facts: service.RequestFacts) => Promise<T>): Promise<T> {
  try {
    return await work(factsFor(context));
  } catch (err) {
    if (err instanceof service.ReplyError) {
      // The middleware turns this into a Retry-After header.
      if (err.retryAfterSeconds !== undefined) context.locals.retryAfterSeconds = err.retryAfterSeconds;
      // A refusal tied to a field travels as a field error, so the form can show it beside that field.
      if (err.field && err.code === 'BAD_REQUEST') throw new FieldError(err.field, err.message);
      throw new ActionError({ code: err.code, message: err.message });
    }
    if (isDatabaseUnavailable(err)) {
      // Busy or out of reach: nothing was acknowledged, and the reader may simply send it again.
      context.locals.retryAfterSeconds = DB_RETRY_AFTER_SECONDS;
      throw new ActionError({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The site is busy and could not take this just now. Please send it again in a few seconds.',
      });
    }
    throw err;
  }
}

export const replies = {
  list: defineAction({
    input: listRepliesInput,
    handler: async (input, context) =>
      run(context, async (facts) => service.listForReader(await getDb(), input, facts)),
  }),
  // The thread itself is read with GET /api/replies/<letter>; this is only what differs per reader.
  session: defineAction({
    input: readerStateInput,
    handler: async (input, context) => run(context, async (facts) => service.readerState(await getDb(), input, facts)),
  }),
  create: defineAction({
    accept: 'form',
    input: createReplyInput,
    handler: async (input, context) =>
      run(context, async (facts) => {
        try {
          return await service.createReply(
            await getDb(),
            { ...input, authorKey: input.authorKey ?? readAuthorCookie(context.cookies) },
            facts,
          );
        } catch (err) {
          // A bot is told its reply awaits moderation; it was never stored.
          if (err instanceof service.BotSuspected) return service.decoyCreated(input, facts.now);
          throw err;
        }
      }),
  }),
  // edit and delete also take plain form posts, so the no-JavaScript page can offer them.
  edit: defineAction({
    accept: 'form',
    input: editReplyInput,
    handler: async (input, context) => run(context, async (facts) => service.editReply(await getDb(), input, facts)),
  }),
  delete: defineAction({
    accept: 'form',
    input: deleteReplyInput,
    handler: async (input, context) =>
      run(context, async (facts) => {
        await service.deleteOwnReply(await getDb(), input, facts);
        return { deleted: true };
      }),
  }),
  vote: defineAction({
    input: voteReplyInput,
    handler: async (input, context) => run(context, async (facts) => service.voteForReply(await getDb(), input, facts)),
  }),
};
