import type { ReplyRow } from './types';
import { errorFields, log } from '../log';

export type ReplyPublishedListener = (reply: ReplyRow) => void | Promise<void>;

const listeners = new Set<ReplyPublishedListener>();

/**
 * Registers work to run after a reply becomes public (posted straight through or
 * approved at the desk), e.g. telling the parent's author. Returns an unsubscribe.
 */
export function onReplyPublished(listener: ReplyPublishedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs every listener; a failing listener is logged and never undoes the write. */
export async function emitReplyPublished(reply: ReplyRow): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(reply);
    } catch (err) {
      log('replies').error(errorFields(err), 'a reply-published listener failed');
    }
  }
}
