/**
 * A refused action as the site's forms read it: Astro's `ActionError`, or its input error
 * (`isInputError`), which adds the schema's `issues` and the messages per field. Typed by shape, so
 * lib stays free of `astro:*` and works on the server and in the browser alike.
 */
export interface RefusedAction {
  type?: string;
  status: number;
  message: string;
  issues?: readonly { message: string }[];
  fields?: Record<string, string[] | undefined>;
}

/** The one line a form shows for a refused action: the first field's own message, or the error's. */
export function actionProblem(error: RefusedAction | undefined): string | undefined {
  if (!error) return undefined;
  if (error.issues) {
    const first = error.issues.find((issue) => issue.message);
    return first?.message ?? 'Please check the form.';
  }
  return error.message || 'Something went wrong. Please try again.';
}
