/**
 * What a form needs of a refused action's error. Astro's input errors (`isInputError`) carry the
 * schema's issues; any other `ActionError` only its message. Typed by shape, so lib stays free of
 * `astro:*` and works on the server and in the browser alike.
 */
export interface ActionProblemSource {
  message: string;
  issues?: readonly { message: string }[];
}

/** The one line a form shows for a refused action: the first field's own message, or the error's. */
export function actionProblem(error: ActionProblemSource | undefined): string | undefined {
  if (!error) return undefined;
  if (error.issues) {
    const first = error.issues.find((issue) => issue.message);
    return first?.message ?? 'Please check the form.';
  }
  return error.message || 'Something went wrong. Please try again.';
}
