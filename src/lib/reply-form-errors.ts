import type { RefusedAction } from './action-problem';

function isFieldRefusal(
  error: RefusedAction,
): error is RefusedAction & { fields: Record<string, string[] | undefined> } {
  return error.type === 'AstroActionInputError' && error.fields !== undefined;
}

/** Field → message, from the action's field errors (the input schema's, or the service's own refusals). */
export type FieldErrors = Partial<Record<'name' | 'email' | 'body' | 'parentId' | 'form', string>>;

const fields = ['name', 'email', 'body', 'parentId'] as const;

export function fieldErrors(error: RefusedAction): FieldErrors {
  if (isFieldRefusal(error)) {
    const out: FieldErrors = {};
    for (const f of fields) {
      const message = error.fields[f]?.[0];
      if (message) out[f] = message;
    }
    return Object.keys(out).length > 0 ? out : { form: 'Please check the form.' };
  }
  if (error.status === 413) return { body: 'Your reply is too long to send.' };
  return { form: error.message || 'Something went wrong. Please try again.' };
}

/**
 * What the no-JavaScript page shows for a refused post: a refused reply's problems beside its
 * fields (a vanished parent above the form), a refused edit or delete as one line above the thread.
 */
export function plainPageErrors(
  createError: RefusedAction | undefined,
  changeError: RefusedAction | undefined,
): { form: FieldErrors; change: string | undefined } {
  const form = createError ? fieldErrors(createError) : {};
  const change = changeError ? fieldErrors(changeError) : {};
  const general = form.form ?? form.parentId;
  return { form: general === undefined ? form : { ...form, form: general }, change: change.body ?? change.form };
}
