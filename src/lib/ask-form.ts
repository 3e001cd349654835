import { bodyProblem, consentProblem, emailProblem, pseudonymProblem, topicProblem } from './question-rules';
import type { RefusedAction } from './action-problem';

/** What the ask form holds, as strings and a tick, before validation. */
export interface AskValues {
  pseudonym: string;
  email: string;
  topic: string;
  body: string;
  consent: boolean;
}

/** One message per field, plus `form` for problems that belong to no single field. */
export type AskErrors = Partial<Record<keyof AskValues | 'form', string>>;

export interface TopicOption {
  id: string;
  name: string;
}

export const EMPTY_VALUES: AskValues = { pseudonym: '', email: '', topic: '', body: '', consent: false };

const FIELDS = new Set<string>(['pseudonym', 'email', 'topic', 'body', 'consent']);

/** The same rules the server applies, run in the browser so mistakes show before sending. */
export function validateAsk(values: AskValues): AskErrors {
  const checks: [keyof AskValues, string | undefined][] = [
    ['pseudonym', pseudonymProblem(values.pseudonym.trim())],
    ['email', emailProblem(values.email.trim())],
    ['topic', topicProblem(values.topic.trim())],
    ['body', bodyProblem(values.body.trim())],
    ['consent', consentProblem(values.consent)],
  ];
  const errors: AskErrors = {};
  for (const [field, message] of checks) if (message) errors[field] = message;
  return errors;
}

/** Keeps the first message for each known field; a field with no words gets no entry. */
export function firstMessages(issues: readonly { field: string; message: string }[]): AskErrors {
  const errors: AskErrors = {};
  for (const { field, message } of issues) {
    if (FIELDS.has(field) && message) errors[field as keyof AskErrors] ??= message;
  }
  return errors;
}

/** What the visitor had typed, read back from a refused post so the form is filled in again. */
export function askValuesFromForm(posted: FormData | undefined): AskValues {
  const text = (name: string) => {
    const value = posted?.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    pseudonym: text('pseudonym'),
    email: text('email'),
    topic: text('topic'),
    body: text('body'),
    consent: posted?.has('consent') ?? false,
  };
}

/** A refused question as messages by field: the schema's own, a duplicate under the letter, anything else above the form. */
export function askErrorsFrom(error: RefusedAction & { code?: string }): AskErrors {
  if (error.type === 'AstroActionInputError' && error.fields) {
    return firstMessages(
      Object.entries(error.fields).map(([field, messages]) => ({ field, message: messages?.[0] ?? '' })),
    );
  }
  return error.code === 'CONFLICT' ? { body: error.message } : { form: error.message };
}
