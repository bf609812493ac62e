import type { Database } from '../db/database.js';
import type { TimeZone } from '../lib/time-zone.js';
import { buildDueTenDayDrafts } from '../modules/bulletins/bulletins.service.js';
import { isWorkingDay } from '../modules/reminders/calendar.js';
import { loadCalendar } from '../modules/reminders/reminders.repository.js';
import { runPeriodically } from './periodic.js';

/**
 * Builds the draft of the 旬 bulletin of each ten-day series once the 旬 has ended: at or after `hour`
 * on the first working day after the 10th, the 20th and the month's end (the reminders' working-day
 * calendar), once per series and 旬, and tells the office. Checks every `everyMs`; returns a stop function.
 */
export function startBulletinSchedule(db: Database, zone: TimeZone, hour: number, log: (msg: string, extra?: object) => void, everyMs = 15 * 60_000): () => void {
  return runPeriodically(
    everyMs,
    async () => {
      if (zone.clock(new Date()).hour < hour) return;
      const calendar = await loadCalendar(db);
      const made = await buildDueTenDayDrafts(db, { lang: 'zh', zone }, zone.date(), (d) => isWorkingDay(calendar, d));
      if (made.length) log('ten-day bulletin drafts built', { bulletins: made });
    },
    (err) => log('ten-day bulletin drafts failed', { err: err instanceof Error ? err.message : String(err) }),
  );
}
