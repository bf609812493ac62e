import type { ReminderChannels } from '../modules/reminders/channels.js';
import { planReminders, type PlanResult } from '../modules/reminders/planner.js';
import { sendDueReminders, type SendOptions, type SendResult } from '../modules/reminders/worker.js';
import type { JobContext, JobLog } from './job-context.js';

/**
 * One pass of the reminder job at the context's clock: the scheduler pass (plans what is due by
 * now), then the worker pass (sends it). Several instances may run it at once: the queue's unique
 * key and `skip locked` keep each reminder to one.
 */
export async function runReminderPass(ctx: JobContext, channels: ReminderChannels, opts: SendOptions = {}): Promise<PlanResult & SendResult> {
  const now = ctx.clock.now();
  const plan = await planReminders(ctx.db, now, ctx.zone);
  const sent = await sendDueReminders(ctx.db, channels, now, opts);
  return { ...plan, ...sent };
}

/** Runs the reminder pass every `everyMs`. Returns a stop function that waits for a pass in progress. */
export function startReminders(ctx: JobContext, channels: ReminderChannels, everyMs: number, log: JobLog): () => Promise<void> {
  let current: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    try {
      const r = await runReminderPass(ctx, channels);
      if (r.planned || r.cancelled || r.sent || r.failed || r.retrying || r.recovered) log('reminders', r);
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
