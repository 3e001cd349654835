import { hasNoNul, NUL_PROBLEM } from './text-rules';
import { countOf } from './plural';
import { countWords } from './word-count';

/**
 * The ask form's rules as plain functions, so the browser can check a question with the
 * same wording as the server without shipping a validation library. Each returns the
 * message to show, or undefined when the value is fine. Values arrive trimmed.
 */
export const QUESTION_LIMITS = {
  pseudonymMin: 2,
  pseudonymMax: 60,
  wordsMin: 30,
  wordsMax: 800,
  /** A ceiling on raw size so a pasted novel is refused before any word counting. */
  charsMax: 8000,
  emailMax: 254,
} as const;

const L = QUESTION_LIMITS;

export const MISSING = {
  pseudonym: 'Please sign your letter with a name of your choice.',
  topic: 'Please choose a topic.',
  body: 'Please write your question.',
} as const;

// Deliberately loose: one @, something on each side, a dot in the domain. The mailbox is optional anyway.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TOPIC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function pseudonymProblem(value: string): string | undefined {
  if (value === '') return MISSING.pseudonym;
  if (!hasNoNul(value)) return NUL_PROBLEM;
  if (value.length < L.pseudonymMin) return `Please use at least ${String(L.pseudonymMin)} characters.`;
  if (value.length > L.pseudonymMax) return `Please keep it to ${String(L.pseudonymMax)} characters or fewer.`;
  return undefined;
}

/** An empty email is fine: it is optional. */
export function emailProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > L.emailMax) return 'That email address is too long.';
  if (!EMAIL.test(value)) return 'Please enter a valid email address, or leave it empty.';
  return undefined;
}

export function topicProblem(value: string): string | undefined {
  if (value === '') return MISSING.topic;
  if (!TOPIC_ID.test(value)) return 'Please choose a topic from the list.';
  return undefined;
}

export function bodyProblem(value: string): string | undefined {
  if (value === '') return MISSING.body;
  if (!hasNoNul(value)) return NUL_PROBLEM;
  if (value.length > L.charsMax) return `Please keep your question under ${String(L.charsMax)} characters.`;
  const words = countWords(value);
  if (words < L.wordsMin) {
    return `Your question has ${countOf(words, 'word', 'words')}; please write at least ${String(L.wordsMin)}.`;
  }
  if (words > L.wordsMax)
    return `Your question has ${String(words)} words; please shorten it to ${String(L.wordsMax)} or fewer.`;
  return undefined;
}

export function consentProblem(value: boolean): string | undefined {
  return value ? undefined : 'Please tick this box so PurseBop can publish your letter.';
}
