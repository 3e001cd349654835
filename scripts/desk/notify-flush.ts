// npm run notify:flush — one notification run (queue digests and reply notices, send if SMTP_URL is set).
// The server does this every NOTIFY_INTERVAL_SECONDS (60) by itself; this is for cron or a manual nudge.
import { countOf } from '../../src/lib/plural';
import { getDb } from '../../src/server/db';
import { runHousekeeping } from '../../src/server/housekeeping';
import { flushNotifications } from '../../src/server/notify/flush';

async function main(): Promise<void> {
  const db = await getDb();
  try {
    const r = await flushNotifications(db);
    const delivery =
      r.delivery === 'no-smtp'
        ? 'SMTP_URL is not set: messages wait in the desk outbox.'
        : `${String(r.delivery.sent)} sent, ${String(r.delivery.failed)} failed.`;
    console.log(
      `Queued ${countOf(r.digests, 'digest', 'digests')}, ${countOf(r.replyNotifications, 'reply notification', 'reply notifications')}. ${delivery}`,
    );
    // With NOTIFY_INTERVAL_SECONDS=0 this cron run is the only sweeper, so it does the housekeeping too.
    await runHousekeeping(db);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`Notification run failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
