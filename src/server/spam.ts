import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db';
import { sign, siteSecret, verifySignature } from './secret';

/**
 * Spam defences shared by every public form (replies, questions). Each check is a
 * small pure-ish function so actions can combine them and tests can hit each one.
 */

/** Minimum time a person needs to fill a form. */
export const MIN_FILL_MS = 3_000;
/** A stamp older than this is stale; the form must be reloaded. */
export const MAX_FILL_MS = 24 * 60 * 60 * 1000;

/**
 * A signed "form shown at" stamp, issued by the server when it renders or lists a form:
 * `time.nonce.signature`. The random nonce lets the stamp be spent once (spendFormStamp).
 */
export function issueFormStamp(now = Date.now()): string {
  const msg = `${String(now)}.${randomBytes(12).toString('base64url')}`;
  return `${msg}.${sign('form-stamp', msg)}`;
}

export type StampVerdict = 'ok' | 'too-fast' | 'stale' | 'invalid';

/** The last stamp read, with the secret it was checked under: a post checks its stamp, then spends it. */
let lastRead: { stamp: string; secret: string; parsed: { issuedAt: number; nonce: string } | undefined } | undefined;

function parseStamp(stamp: string | undefined): { issuedAt: number; nonce: string } | undefined {
  const secret = siteSecret();
  if (stamp !== undefined && lastRead?.stamp === stamp && lastRead.secret === secret) return lastRead.parsed;
  const parsed = readStamp(stamp);
  if (stamp !== undefined) lastRead = { stamp, secret, parsed };
  return parsed;
}

function readStamp(stamp: string | undefined): { issuedAt: number; nonce: string } | undefined {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{20,100})$/.exec(stamp ?? '');
  if (!m?.[1] || !m[2] || !m[3] || !verifySignature('form-stamp', `${m[1]}.${m[2]}`, m[3])) return undefined;
  return { issuedAt: Number(m[1]), nonce: m[2] };
}

/** Checks a stamp from issueFormStamp: genuine, at least MIN_FILL_MS old, not stale. */
export function checkFormStamp(stamp: string | undefined, now = Date.now(), minMs = MIN_FILL_MS): StampVerdict {
  const parsed = parseStamp(stamp);
  if (!parsed) return 'invalid';
  const age = now - parsed.issuedAt;
  if (age < minMs) return 'too-fast';
  if (age > MAX_FILL_MS) return 'stale';
  return 'ok';
}

/**
 * Records of stale stamps only take room (a stale stamp is refused before it is spent), so they
 * are dropped at most once a minute per database rather than by a statement in every post.
 */
const PRUNE_EVERY_MS = 60_000;
const lastPruned = new WeakMap<Db, number>();

/**
 * Records a checked stamp as used; false when it was used before. Without this a
 * bot could mint one stamp, wait three seconds and post with it all day. A stamp past
 * MAX_FILL_MS is refused as stale anyway, so its record is dropped later (see PRUNE_EVERY_MS).
 */
export async function spendFormStamp(db: Db, stamp: string, now = Date.now()): Promise<boolean> {
  const parsed = parseStamp(stamp);
  if (!parsed) return false;
  // Neither write waits for the disk: the post a stamp guards is written durably after it, and
  // commits are ordered, so an acknowledged post never outlives the record of its stamp. Waiting
  // here cost each post two extra group commits.
  const pruned = lastPruned.get(db);
  if (pruned === undefined || Math.abs(now - pruned) >= PRUNE_EVERY_MS) {
    lastPruned.set(db, now);
    await db.run('DELETE FROM used_form_stamps WHERE issued_at < ?', [now - MAX_FILL_MS], { durable: false });
  }
  const r = await db.run(
    'INSERT INTO used_form_stamps (nonce, issued_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING',
    [parsed.nonce, parsed.issuedAt],
    { durable: false },
  );
  return r.changes > 0;
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
