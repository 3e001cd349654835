import { z } from 'astro/zod';
import { hasNoNul } from '../../lib/text-rules';

export const loginFormSchema = z.object({
  email: z.string().trim().min(1).max(254).refine(hasNoNul),
  password: z.string().min(1).max(200),
  next: z.string().max(500).optional(),
});

/**
 * Whether a return path can go into a Location header as it is: printable ASCII only, so
 * no CR/LF (header splitting), NUL or U+2028 (which a header cannot carry at all).
 */
export function isHeaderSafeNext(next: string | null | undefined): boolean {
  return !next || /^[\x21-\x7e]*$/.test(next);
}

/** Only a path inside the desk may be a redirect target, so the sign-in form cannot be used to bounce elsewhere. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !isHeaderSafeNext(next) || !next.startsWith('/desk') || next.startsWith('//') || next.includes('\\'))
    return '/desk';
  return next.startsWith('/desk/login') ? '/desk' : next;
}

export const LOGIN_FAILED = 'Sign-in failed: the email address and password do not match an editor account.';
