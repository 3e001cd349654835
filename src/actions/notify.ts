import { ActionError, defineAction } from 'astro:actions';
import { mailLinkInput } from '../schemas/notify';
import { getDb } from '../server/db';
import { confirmAddress } from '../server/notify/confirm';
import { emailFromUnsubscribeToken, unsubscribeEmail } from '../server/notify/unsubscribe';

/**
 * What the buttons on the mail-link pages do. The links themselves only show a page:
 * mail scanners open every link in a message, so nothing may happen on a GET.
 */
export const notify = {
  confirm: defineAction({
    accept: 'form',
    input: mailLinkInput,
    handler: async (input) => {
      const outcome = await confirmAddress(await getDb(), input.t);
      if (!outcome.ok) {
        throw new ActionError({
          code: 'BAD_REQUEST',
          message:
            outcome.reason === 'expired'
              ? 'This confirmation link has expired. Post your next reply with the box ticked to get a new one.'
              : 'This confirmation link is incomplete or was changed. Use the link exactly as it appears in the email.',
        });
      }
      return { email: outcome.email };
    },
  }),
  unsubscribe: defineAction({
    accept: 'form',
    input: mailLinkInput,
    handler: async (input) => {
      const email = emailFromUnsubscribeToken(input.t);
      if (!email) {
        throw new ActionError({
          code: 'BAD_REQUEST',
          message:
            'This unsubscribe link is incomplete or was changed. Use the link exactly as it appears in the email.',
        });
      }
      await unsubscribeEmail(await getDb(), email);
      return { email };
    },
  }),
};
