import { defineAction } from 'astro:actions';
import { getDb } from '../../server/db';
import { recordAudit } from '../../server/desk/audit';
import { backWith } from '../../server/desk/forms';
import { flushNotifications } from '../../server/notify/flush';
import { requireEditor } from './editor-context';

/** The outbox: queue what is due now instead of waiting for the timer. */
export const outbox = {
  flush: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const editor = requireEditor(context);
      const db = await getDb();
      const report = await flushNotifications(db, { siteUrl: context.site?.href ?? context.url.origin });
      await recordAudit(db, { editor, action: 'notify.flush', targetType: 'outbox', targetId: 'all' });
      const sent = report.delivery === 'no-smtp' ? {} : { smtp: 1, ...report.delivery };
      return {
        redirect: backWith('/desk/outbox', 'outbox-flushed', {
          digests: report.digests,
          replies: report.replyNotifications,
          ...sent,
        }),
      };
    },
  }),
};
