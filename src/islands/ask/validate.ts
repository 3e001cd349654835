import { questionSubmissionSchema, type QuestionField } from '../../schemas/question';
import type { AskErrors, AskValues } from './types';

const FIELDS = new Set<string>(['pseudonym', 'email', 'topic', 'body', 'consent']);

/** The same rules the server applies, run in the browser so mistakes show before sending. */
export function validateAsk(values: AskValues): AskErrors {
  const email = values.email.trim();
  const parsed = questionSubmissionSchema.safeParse({
    ...values,
    email: email === '' ? undefined : email,
    topic: values.topic === '' ? undefined : values.topic,
  });
  if (parsed.success) return {};
  return firstMessages(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })));
}

/** Keeps the first message for each known field. */
export function firstMessages(issues: readonly { field: string; message: string }[]): AskErrors {
  const errors: AskErrors = {};
  for (const { field, message } of issues) {
    if (FIELDS.has(field)) errors[field as QuestionField] ??= message;
  }
  return errors;
}
