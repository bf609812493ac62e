import { buildDueTenDayDrafts } from '../modules/bulletins/bulletins.service.js';
import { isWorkingDay } from '../modules/reminders/calendar.js';
import { loadCalendar } from '../modules/reminders/reminders.repository.js';
import type { JobContext, JobLog } from './job-context.js';
import { runPeriodically } from './periodic.js';

/**
 * One check of the 旬 bulletins at the context's clock: at or after `hour` on the first working day
 * after the 10th, the 20th and the month's end (the reminders' working-day calendar), builds the
 * draft of each ten-day series' ended 旬 once and tells the office. Returns the drafts it built.
 */
export async function runBulletinCheck(ctx: JobContext, hour: number): Promise<number[]> {
  const now = ctx.clock.now();
  if (ctx.zone.clock(now).hour < hour) return [];
  const calendar = await loadCalendar(ctx.db);
  return buildDueTenDayDrafts(ctx.db, { lang: 'zh', zone: ctx.zone }, now, (d) => isWorkingDay(calendar, d));
}

/** Runs the 旬 bulletin check every `everyMs`; returns a stop function. */
export function startBulletinSchedule(ctx: JobContext, hour: number, log: JobLog, everyMs = 15 * 60_000): () => void {
  return runPeriodically(
    everyMs,
    async () => {
      const made = await runBulletinCheck(ctx, hour);
      if (made.length) log('ten-day bulletin drafts built', { bulletins: made });
    },
    (err) => log('ten-day bulletin drafts failed', { err: err instanceof Error ? err.message : String(err) }),
  );
}
