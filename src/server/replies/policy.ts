import type { ReplyStatus } from './types';

export type ModerationPolicy = 'hold-all' | 'hold-first' | 'publish';

/** A reply with more links than this waits for a moderator whatever the policy. */
export const MAX_LINKS_UNHELD = 2;

export interface ModerationFacts {
  policy: ModerationPolicy;
  /** A moderator approved this replier before. */
  approvedReplier: boolean;
  links: number;
  /** The first blocked word found, if any. */
  blockedWord: string | undefined;
}

/**
 * Whether a new reply goes live. Suspicious content (many links, a blocked word) is
 * held rather than refused: a person with a real reason gets a moderator's look,
 * and a spammer learns nothing about which word tripped the filter.
 */
export function decideStatus(f: ModerationFacts): { status: ReplyStatus; holdReason: string | null } {
  if (f.blockedWord !== undefined) return { status: 'held', holdReason: `blocked word: ${f.blockedWord}` };
  if (f.links > MAX_LINKS_UNHELD) return { status: 'held', holdReason: `${String(f.links)} links` };
  if (f.policy === 'hold-all') return { status: 'held', holdReason: 'policy: hold every reply' };
  if (f.policy === 'hold-first' && !f.approvedReplier) return { status: 'held', holdReason: 'first-time replier' };
  return { status: 'published', holdReason: null };
}
