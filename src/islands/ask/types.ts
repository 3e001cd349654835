import type { QuestionField } from '../../schemas/question';

/** What the ask form holds, as strings and a tick, before validation. */
export interface AskValues {
  pseudonym: string;
  email: string;
  topic: string;
  body: string;
  consent: boolean;
}

/** One message per field, plus `form` for problems that belong to no single field. */
export type AskErrors = Partial<Record<QuestionField | 'form', string>>;

export interface TopicOption {
  id: string;
  name: string;
}

export const EMPTY_VALUES: AskValues = { pseudonym: '', email: '', topic: '', body: '', consent: false };
