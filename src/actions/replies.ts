import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { stringify } from 'devalue';
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
import { errorFields, log } from '../server/log';
import { letterExists } from '../server/replies/letters';
import { SITE_FAULT } from '../server/site-fault';
import * as service from '../server/replies/service';
import {
  readReplyPost,
  replyCaller,
  type ActionAnswerer,
  type CreateReplyInput,
  type ReplyCaller,
} from '../server/replies/create-post';
import type { ThreadAnswer } from '../server/replies/thread-endpoint';
import { readAuthorCookie } from '../server/replies/token-cookie';

/** How long a reader is asked to wait when the database is busy or away. */
const DB_RETRY_AFTER_SECONDS = 5;

/** Facts about this request, gathered once for the service layer. */
function factsFor(caller: Pick<ReplyCaller, 'clientKey'>): service.RequestFacts {
  const c = config();
  return {
    clientKey: caller.clientKey,
    now: Date.now(),
    policy: c.MODERATION_POLICY,
    blockedWords: c.blockedWords,
    letterExists: (id) => letterExists(id),
  };
}

/** The request's sender from Astro's context (the site server builds the same from its own request). */
function callerOf(context: ActionAPIContext): ReplyCaller {
  return replyCaller(
    context.clientAddress,
    context.request.headers.get('x-forwarded-for'),
    readAuthorCookie(context.cookies),
  );
}

/** Where a refusal's wait goes: Astro's middleware sends it as Retry-After, the site server itself. */
type RetryAfter = (seconds: number) => void;

const retryAfterOf =
  (context: ActionAPIContext): RetryAfter =>
  (seconds) => {
    context.locals.retryAfterSeconds = seconds;
  };

/** Runs service work and turns its refusals into typed action errors (never a 500 for a reader's mistake). */
async function run<T>(
  caller: Pick<ReplyCaller, 'clientKey'>,
  retryAfter: RetryAfter,
  work: (facts: service.RequestFacts) => Promise<T>,
): Promise<T> {
  try {
    return await work(factsFor(caller));
  } catch (err) {
    if (err instanceof service.ReplyError) {
      if (err.retryAfterSeconds !== undefined) retryAfter(err.retryAfterSeconds);
      // A refusal tied to a field travels as a field error, so the form can show it beside that field.
      if (err.field && err.code === 'BAD_REQUEST') throw new FieldError(err.field, err.message);
      throw new ActionError({ code: err.code, message: err.message });
    }
    if (isDatabaseUnavailable(err)) {
      // Busy or out of reach: nothing was acknowledged, and the reader may simply send it again.
      retryAfter(DB_RETRY_AFTER_SECONDS);
      throw new ActionError({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The site is busy and could not take this just now. Please send it again in a few seconds.',
      });
    }
    // Anything else is a fault of the site's: the reader gets a plain line, the log gets the cause
    // (Astro would send the error's own message, which can name files or the database).
    retryAfter(SITE_FAULT.retryAfterSeconds);
    throw siteFault(err);
  }
}

/** What a reader is told of a fault of the site's own; its cause goes to the log only. */
function siteFault(err: unknown): ActionError {
  log('replies').error(errorFields(err), 'a replies action failed');
  return new ActionError({ code: 'SERVICE_UNAVAILABLE', message: SITE_FAULT.message });
}

/**
 * replies.create's handler: the one write path for a new reply, whether Astro runs the action
 * or the site server answers the reply form's post itself (answerCreatePost).
 */
function createReply(input: CreateReplyInput, caller: ReplyCaller, retryAfter: RetryAfter) {
  return run(caller, retryAfter, async (facts) => {
    try {
      return await service.createReply(
        await getDb(),
        { ...input, authorKey: input.authorKey ?? caller.authorCookie },
        facts,
      );
    } catch (err) {
      // A bot is told its reply awaits moderation; it was never stored.
      if (err instanceof service.BotSuspected) return service.decoyCreated(input, facts.now);
      throw err;
    }
  });
}

/** An action's result in Astro's wire format for a call to /_actions/<name> (serializeActionResult). */
function actionAnswer(
  result: { data: unknown } | { error: Pick<ActionError, 'status' | 'message'> },
  retryAfter?: number,
): ThreadAnswer {
  if ('data' in result) {
    const body = stringify(result.data, { URL: (value: unknown) => value instanceof URL && value.href });
    return { status: 200, headers: { 'Content-Type': 'application/json+devalue' }, body };
  }
  const { error } = result;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if ((error.status === 429 || error.status === 503) && retryAfter !== undefined)
    headers['Retry-After'] = String(retryAfter);
  return { status: error.status, headers, body: JSON.stringify(Object.assign({}, error, { message: error.message })) };
}

/**
 * The site server's answer to the reply form's post (POST /_actions/replies.create), without
 * Astro's request and action handling: the same origin check, form reading and schema as the
 * action (readReplyPost), then the same handler, and the answer Astro would send. Whatever
 * readReplyPost does not take is left to Astro (undefined), so Astro still answers every odd case.
 */
export const answerCreatePost: ActionAnswerer = async (post) => {
  const read = await readReplyPost(post);
  if (!read) return undefined;
  let wait: number | undefined;
  try {
    const data = await createReply(read.input, read.caller, (seconds) => (wait = seconds));
    return actionAnswer({ data });
  } catch (err) {
    return actionAnswer({ error: err instanceof ActionError ? err : siteFault(err) }, wait);
  }
};

export const replies = {
  list: defineAction({
    input: listRepliesInput,
    handler: async (input, context) =>
      run(callerOf(context), retryAfterOf(context), async (facts) =>
        service.listForReader(await getDb(), input, facts),
      ),
  }),
  // The thread itself is read with GET /api/replies/<letter>; this is only what differs per reader.
  session: defineAction({
    input: readerStateInput,
    handler: async (input, context) =>
      run(callerOf(context), retryAfterOf(context), async (facts) => service.readerState(await getDb(), input, facts)),
  }),
  create: defineAction({
    accept: 'form',
    input: createReplyInput,
    handler: (input, context) => {
      // Once this build has taken a reply here, the site server answers the reply form's next posts itself.
      if (context.locals.siteHooks) context.locals.siteHooks.createReply ??= answerCreatePost;
      return createReply(input, callerOf(context), retryAfterOf(context));
    },
  }),
  // edit and delete also take plain form posts, so the no-JavaScript page can offer them.
  edit: defineAction({
    accept: 'form',
    input: editReplyInput,
    handler: async (input, context) =>
      run(callerOf(context), retryAfterOf(context), async (facts) => service.editReply(await getDb(), input, facts)),
  }),
  delete: defineAction({
    accept: 'form',
    input: deleteReplyInput,
    handler: async (input, context) =>
      run(callerOf(context), retryAfterOf(context), async (facts) => {
        await service.deleteOwnReply(await getDb(), input, facts);
        return { deleted: true };
      }),
  }),
  vote: defineAction({
    input: voteReplyInput,
    handler: async (input, context) =>
      run(callerOf(context), retryAfterOf(context), async (facts) => service.voteForReply(await getDb(), input, facts)),
  }),
};
