import { actions, isInputError } from 'astro:actions';
import { firstMessages, type AskErrors } from '../../lib/ask-form';

export type SendOutcome =
  { ok: true; token: string } | { ok: false; errors: AskErrors; freshStamp?: string | undefined };

/** Posts the form through the action and turns every kind of refusal into messages for the form. */
export async function sendQuestion(body: FormData): Promise<SendOutcome> {
  try {
    const { data, error } = await actions.questions.submit(body);
    if (data) return { ok: true, token: data.token };
    if (isInputError(error)) {
      const errors = firstMessages(
        Object.entries(error.fields).map(([field, m]) => ({ field, message: m?.[0] ?? '' })),
      );
      return { ok: false, errors };
    }
    if (error.code === 'CONFLICT') return { ok: false, errors: { body: error.message } };
    // A refused post may have carried an expired stamp; a fresh one makes "press again" work.
    const fresh = error.code === 'BAD_REQUEST' ? await actions.questions.stamp() : undefined;
    return { ok: false, errors: { form: error.message }, freshStamp: fresh?.data?.stamp };
  } catch {
    return {
      ok: false,
      errors: {
        form: 'We could not reach PurseBop just now, so your question has not been sent. Please check your connection and press the button again.',
      },
    };
  }
}
