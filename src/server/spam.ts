import { createHash } from 'node:crypto';
import { sign, verifySignature } from './secret';

/**
 * Spam defences shared by every public form (replies, questions). Each check is a
 * small pure-ish function so actions can combine them and tests can hit each one.
 */

/** Minimum time a person needs to fill a form. */
export const MIN_FILL_MS = 3_000;
/** A stamp older than this is stale; the form must be reloaded. */
export const MAX_FILL_MS = 24 * 60 * 60 * 1000;

/** A signed "form shown at" stamp, issued by the server when it renders or lists a form. */
export function issueFormStamp(now = Date.now()): string {
  const t = String(now);
  return `${t}.${sign('form-stamp', t)}`;
}

export type StampVerdict = 'ok' | 'too-fast' | 'stale' | 'invalid';

/** Checks a stamp from issueFormStamp: genuine, at least MIN_FILL_MS old, not stale. */
export function checkFormStamp(stamp: string | undefined, now = Date.now(), minMs = MIN_FILL_MS): StampVerdict {
  if (!stamp) return 'invalid';
  // Exactly two parts: "t.sig.anything" must not pass as a copy of a genuine stamp.
  const [t, sig, extra] = stamp.split('.');
  if (extra !== undefined || !t || !sig || !/^\d{1,15}$/.test(t) || !verifySignature('form-stamp', t, sig))
    return 'invalid';
  const age = now - Number(t);
  if (age < minMs) return 'too-fast';
  if (age > MAX_FILL_MS) return 'stale';
  return 'ok';
}

/** The honeypot is a field people never see; any value means a bot filled it. */
export function honeypotTripped(value: string | undefined | null): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Counts links in Markdown or plain text: bare URLs, autolinks and [text](url). */
export function countLinks(text: string): number {
  const urls = text.match(/\b(?:https?:\/\/|www\.)[^\s<>()]+/gi) ?? [];
  const mailto = text.match(/\bmailto:[^\s<>()]+/gi) ?? [];
  return urls.length + mailto.length;
}

/** The first blocked word found as a whole word (case-insensitive), or undefined. */
export function findBlockedWord(text: string, words: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  return words.find((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(w)}($|[^\\p{L}\\p{N}])`, 'u').test(lower));
}

/** Same text modulo case and spacing → same fingerprint; used to refuse duplicates. */
export function contentFingerprint(text: string): string {
  const normalised = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
