import { NOTICE_PARAMS } from '../../lib/desk-notice';
import type { Db } from '../db';
import { countRepliesByStatus, listRepliesForModeration } from '../replies/repository';
import { replyStatuses, type ReplyStatus } from '../replies/types';
import { positiveInt } from './forms';
import { listDeskLetters } from './letters';

export const MODERATION_PAGE_SIZE = 50;

/**
 * One page of the moderation queue as its address asks for it (`status`, `letter`, `page`);
 * an unknown state shows every state, an unknown letter every letter.
 */
export async function readModerationQueue(db: Db, url: URL) {
  const statusParam = url.searchParams.get('status') ?? 'held';
  const status = replyStatuses.find((s) => s === statusParam);
  const letters = await listDeskLetters();
  const letterParam = url.searchParams.get('letter') ?? '';
  const letterId = letters.some((l) => l.id === letterParam) ? letterParam : undefined;
  const page = positiveInt(url.searchParams.get('page')) ?? 1;
  const rows = await listRepliesForModeration(db, {
    status,
    letterId,
    limit: MODERATION_PAGE_SIZE + 1,
    offset: (page - 1) * MODERATION_PAGE_SIZE,
  });
  const counts: Record<ReplyStatus, number> = await countRepliesByStatus(db);
  /** The address of another page of this same queue, without the last action's notice. */
  const pageUrl = (p: number) => {
    const u = new URL(url);
    u.searchParams.set('page', String(p));
    for (const name of [...NOTICE_PARAMS, '_action']) u.searchParams.delete(name);
    return u.pathname + u.search;
  };
  return {
    status,
    letters,
    letterId,
    page,
    rows: rows.slice(0, MODERATION_PAGE_SIZE),
    hasMore: rows.length > MODERATION_PAGE_SIZE,
    counts,
    titles: new Map(letters.map((l) => [l.id, l.headline])),
    pageUrl,
  };
}
