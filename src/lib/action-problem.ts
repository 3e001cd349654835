import { isInputError, type ActionError } from 'astro:actions';

/** The one line a form shows for a refused action: the first field's own message, or the error's. */
export function actionProblem(error: ActionError | undefined): string | undefined {
  if (!error) return undefined;
  if (isInputError(error)) {
    const first = error.issues.find((issue) => issue.message);
    return first?.message ?? 'Please check the form.';
  }
  return error.message || 'Something went wrong. Please try again.';
}
