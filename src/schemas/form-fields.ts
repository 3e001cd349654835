import { z } from 'astro/zod';
import { hasNoNul, NUL_PROBLEM } from '../lib/text-rules';

/**
 * Free text a person must fill in: trimmed, not blank, at most `max` characters, free of NUL. A field
 * left out altogether (an empty textarea posts nothing) gets the same message as a blank one.
 */
export function requiredText(missing: string, max: number, tooLong: string) {
  return z.string({ error: missing }).trim().min(1, missing).max(max, tooLong).refine(hasNoNul, NUL_PROBLEM);
}

/**
 * A record's number as a form's hidden field or checkbox carries it: digits only, so "1.5", "-5"
 * and 2^70 are refused rather than rounded, each with the one message `unknown`.
 */
export function formId(unknown: string) {
  return z
    .string({ error: unknown })
    .regex(/^\d{1,15}$/, unknown)
    .transform(Number)
    .refine((n) => n > 0, unknown);
}
