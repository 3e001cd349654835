import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from './config';

let devSecret: string | undefined;

/** The site secret. Production refuses to run without one; development makes a throwaway. */
export function siteSecret(): string {
  const c = config();
  if (c.SITE_SECRET) return c.SITE_SECRET;
  if (c.production) {
    throw new Error(
      'SITE_SECRET is not set. Set it to a long random value before starting in production, e.g. SITE_SECRET="$(openssl rand -hex 32)".',
    );
  }
  devSecret ??= randomBytes(32).toString('hex');
  return devSecret;
}

/** base64url HMAC-SHA256 of `message`, keyed by the site secret and a purpose label. */
export function sign(purpose: string, message: string): string {
  return createHmac('sha256', siteSecret()).update(`${purpose}\n${message}`).digest('base64url');
}

const compareKey = randomBytes(32);

/**
 * Constant-time string equality. Both sides are hashed first, so neither the position of
 * the first difference nor the length of the expected value shows in the timing.
 */
export function safeEqual(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = createHmac('sha256', compareKey).update(expected).digest();
  const b = createHmac('sha256', compareKey).update(given).digest();
  return timingSafeEqual(a, b);
}

/** Constant-time check of a signature made by `sign`. */
export function verifySignature(purpose: string, message: string, signature: string): boolean {
  return safeEqual(sign(purpose, message), signature);
}
