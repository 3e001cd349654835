import { config } from '../config';
import { onShutdown } from '../lifecycle';
import { getDb } from '../db';
import { maybeRunHousekeeping } from '../housekeeping';
import { flushNotifications } from './flush';
import { errorFields, log } from '../log';

let started = false;
let running = false;

/**
 * Starts the periodic flush once per process. Runs never overlap within a process, and
 * the outbox and digest marks keep several instances from sending anything twice.
 */
export function startNotifyTimer(): void {
  if (started) return;
  started = true;
  // NOTIFY_INTERVAL_SECONDS=0 leaves the runs to `npm run notify:flush` from cron instead.
  const seconds = config().NOTIFY_INTERVAL_SECONDS;
  if (seconds === 0) return;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    getDb()
      .then(async (db) => {
        await flushNotifications(db);
        // Housekeeping rides along: ended sessions, old rate-limit windows and sign-in counters.
        await maybeRunHousekeeping(db);
      })
      .catch((err: unknown) => {
        log('notify').error(errorFields(err), 'notification flush failed');
      })
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
  onShutdown(() => {
    clearInterval(timer);
  });
}
