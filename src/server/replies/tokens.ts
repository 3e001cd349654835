import { safeEqual, sign, verifySignature } from '../secret';

/** How long after posting the author may still edit or delete a reply. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

const purpose = 'reply-owner';

/**
 * The author's proof of ownership: `id.createdAt.hmac`. It is bound to one reply and
 * its creation time, so it cannot be moved to another reply or outlive a re-used id.
 * The signature never expires (it also lets the author see their held reply);
 * editing and deleting additionally check EDIT_WINDOW_MS.
 */
export function issueReplyToken(id: number, createdAt: number): string {
  const msg = `${String(id)}.${String(createdAt)}`;
  return `${msg}.${sign(purpose, msg)}`;
}

/** The reply id a well-formed, genuine token names, or undefined. */
export function replyIdFromToken(token: string): number | undefined {
  const m = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!m?.[1] || !m[2] || !m[3]) return undefined;
  return verifySignature(purpose, `${m[1]}.${m[2]}`, m[3]) ? Number(m[1]) : undefined;
}

export type TokenVerdict = 'ok' | 'invalid' | 'expired';

/** Checks that `token` belongs to this reply and, for changes, that the edit window is still open. */
export function checkReplyToken(
  token: string,
  reply: { id: number; created_at: number },
  now = Date.now(),
): TokenVerdict {
  if (!safeEqual(issueReplyToken(reply.id, reply.created_at), token) || replyIdFromToken(token) !== reply.id)
    return 'invalid';
  return now - reply.created_at <= EDIT_WINDOW_MS ? 'ok' : 'expired';
}
