import type { Database } from '../db/database.js';
import type { TimeZone } from '../lib/time-zone.js';
import type { ReminderChannels } from '../modules/reminders/channels.js';
import { planReminders } from '../modules/reminders/planner.js';
import { sendDueReminders } from '../modules/reminders/worker.js';

/**
 * Plans and sends reminders every `everyMs`: the scheduler pass, then the worker pass. Several
 * instances may run it at once (the queue's unique key and `skip locked` keep each reminder to
 * one). Returns a stop function that waits for a pass in progress.
 */
export function startReminders(db: Database, zone: TimeZone, channels: ReminderChannels, everyMs: number, log: (msg: string, extra?: object) => void): () => Promise<void> {
  let current: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    try {
      const now = new Date();
      const plan = await planReminders(db, now, zone);
      const sent = await sendDueReminders(db, channels, now);
      if (plan.planned || plan.cancelled || sent.sent || sent.failed || sent.retrying || sent.recovered) log('reminders', { ...plan, ...sent });
    } catch (err) {
      log('reminder pass failed', { err: err instanceof Error ? err.message : String(err) });
    }
  };
  const run = () => {
    if (current || stopped) return;
    current = tick().finally(() => {
      current = null;
    });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
    channels.email?.close();
  };
}
