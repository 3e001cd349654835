import type { Db } from '../db';
import { hitRateLimit, type RateRule } from '../rate-limit';
import { checkFormStamp, honeypotTripped, spendFormStamp } from '../spam';
import { insertQuestion, type NewQuestion, type Question } from './repository';

/** The question budget per address: a handful an hour is plenty for a person, useless for a flood. */
export const QUESTION_RATE_RULE: RateRule = { bucket: 'questions.submit', limit: 5, windowMs: 60 * 60 * 1000 };

/** Why a question sent faster than a person types is set aside. */
export const TOO_FAST_REASON = 'sent faster than a person types';

/** The spam-defence fields that travel with the form. */
export interface FormGuards {
  /** The hidden field people never fill. */
  honeypot?: string | undefined;
  /** The signed "form shown at" stamp. */
  stamp?: string | undefined;
}

export type SubmitOutcome =
  | { ok: true; question: Question; token: string }
  | { ok: false; reason: 'honeypot' | 'expired' | 'duplicate' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

/**
 * Runs a validated question through the spam defences, the sender's budget and the
 * duplicate check, then stores it. The cheap checks come first so they cost no database work.
 * A filled honeypot is dropped (a person never sees that field); a too-fast post is stored
 * as suspected spam, so nothing a person was told was sent is lost.
 */
export async function submitQuestion(
  db: Db,
  question: NewQuestion,
  guards: FormGuards,
  now = Date.now(),
): Promise<SubmitOutcome> {
  if (honeypotTripped(guards.honeypot)) return { ok: false, reason: 'honeypot' };
  const stamp = checkFormStamp(guards.stamp, now);
  if (stamp !== 'ok' && stamp !== 'too-fast') return { ok: false, reason: 'expired' };
  const budget = await hitRateLimit(db, QUESTION_RATE_RULE, question.clientKey, now);
  if (!budget.ok) return { ok: false, reason: 'rate-limited', retryAfterSeconds: budget.retryAfterSeconds };
  // A stamp posts once; a replayed one reads as expired, and the form fetches a fresh one.
  if (!(await spendFormStamp(db, guards.stamp ?? '', now))) return { ok: false, reason: 'expired' };
  // Faster than a person types, yet a quick human or autofill looks the same: kept, but set aside as suspected spam.
  return insertQuestion(db, stamp === 'too-fast' ? { ...question, spamReason: TOO_FAST_REASON } : question, now);
}

/** "about 12 minutes" style wording for a wait. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return 'a minute or so';
  return `about ${String(Math.ceil(seconds / 60))} minutes`;
}
