import { ActionError } from 'astro:actions';

/**
 * A refusal that belongs to one form field, found after the input schema passed (a spent
 * stamp, a parent that is gone, a columnist who does not exist). It is shaped like the error
 * Astro raises for a failed schema, so `isInputError` holds for it and `error.fields` names
 * the field, on the server and after the trip to the browser alike; no message is parsed back.
 */
export class FieldError extends ActionError {
  override type = 'AstroActionInputError';
  readonly issues: { code: 'custom'; path: string[]; message: string }[];
  readonly fields: Record<string, string[]>;

  constructor(field: string, message: string) {
    super({ code: 'BAD_REQUEST', message });
    this.issues = [{ code: 'custom', path: [field], message }];
    this.fields = { [field]: [message] };
  }
}
