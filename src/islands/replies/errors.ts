import { isInputError, type ActionError } from 'astro:actions';

/** Field → message, from either zod's input errors or our "field: message" refusals. */
export type FieldErrors = Partial<Record<'name' | 'email' | 'body' | 'parentId' | 'form', string>>;

const fields = ['name', 'email', 'body', 'parentId'] as const;

export function fieldErrors(error: ActionError): FieldErrors {
  if (isInputError(error)) {
    const out: FieldErrors = {};
    for (const f of fields) {
      const message = (error.fields as Record<string, string[] | undefined>)[f]?.[0];
      if (message) out[f] = message;
    }
    return Object.keys(out).length > 0 ? out : { form: 'Please check the form.' };
  }
  const m = /^(name|email|body|parentId): (.*)$/s.exec(error.message);
  if (m?.[1] && m[2]) return { [m[1]]: m[2] };
  if (error.status === 413) return { body: 'Your reply is too long to send.' };
  return { form: error.message || 'Something went wrong. Please try again.' };
}
