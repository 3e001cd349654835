import { createHash, randomBytes } from 'node:crypto';
import { sign, verifySignature } from '../secret';

const purpose = 'reply-author';

/**
 * The author key: `random.signature`, issued with a reader's first reply and kept by
 * their browser (localStorage for the island, an HttpOnly cookie for the plain page).
 * It is the only thing that makes a replier "known" to hold-first moderation: a name or
 * an email address can be typed by anyone, a key can only be shown by the browser that
 * received it. The random part is unguessable; the signature lets the server refuse
 * made-up keys without a table lookup.
 */
export function issueAuthorKey(): string {
  const id = randomBytes(18).toString('base64url');
  return `${id}.${sign(purpose, id)}`;
}

/** The random part of a genuine key, or undefined for anything else. */
export function authorIdFromKey(key: string | undefined): string | undefined {
  const m = /^([A-Za-z0-9_-]{24})\.([A-Za-z0-9_-]{20,100})$/.exec(key ?? '');
  if (!m?.[1] || !m[2]) return undefined;
  return verifySignature(purpose, m[1], m[2]) ? m[1] : undefined;
}

/**
 * What a reply stores as its replier (and what approval trusts): a hash of the key's
 * random part, so the database never holds a key someone could present.
 */
export function replierKeyForAuthor(authorId: string): string {
  return createHash('sha256').update(`author:${authorId}`).digest('hex');
}

/** The key a reply is posted under: the one the browser sent when genuine, else a new one. */
export function authorFor(sentKey: string | undefined): { authorKey: string; replierKey: string } {
  const sentId = authorIdFromKey(sentKey);
  if (sentKey !== undefined && sentId !== undefined)
    return { authorKey: sentKey, replierKey: replierKeyForAuthor(sentId) };
  const authorKey = issueAuthorKey();
  return { authorKey, replierKey: replierKeyForAuthor(authorIdFromKey(authorKey) ?? '') };
}
