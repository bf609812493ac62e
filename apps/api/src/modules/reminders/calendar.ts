/**
 * The working-day calendar: Monday to Friday are working days, except the listed holidays; a
 * listed make-up working day (调休) is a working day even on a weekend. Dates are ISO strings
 * (YYYY-MM-DD), calendar days with no time zone. Pure: the tests and the planner pass the days in.
 */

export interface WorkCalendar {
  /** Rest days that would otherwise be working days (and, harmlessly, weekend days of a holiday). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). */
  workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

const DAY = 86_400_000;
const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const toDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const shift = (date: string, days: number) => toDate(toTime(date) + days * DAY);

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const dow = new Date(toTime(date)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The n-th working day after `date` (n > 0), or before it (n < 0). With n = 0: `date` itself when
 * it is a working day, else the next working day. `date` need not be a working day.
 */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer (got ${n})`);
  if (n === 0) {
    let d = date;
    while (!isWorkingDay(cal, d)) d = shift(d, 1);
    return d;
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  let d = date;
  while (left > 0) {
    d = shift(d, step);
    if (isWorkingDay(cal, d)) left--;
  }
  return d;
}

/**
 * Working days after `from` up to and including `to`; when `to` comes first, minus the working
 * days after `to` up to and including `from`. So it adds up over consecutive spans, and
 * workingDaysBetween(d, addWorkingDays(d, n)) === n for n > 0 (and for n < 0 from a working day).
 */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  if (from === to) return 0;
  if (to < from) return 0 - workingDaysBetween(cal, to, from);
  // Counted, not walked: a light or a reminder of a task begun years ago asks for thousands of days,
  // on every read of every task. Weekdays by arithmetic, then the listed exceptions in the span.
  let count = weekdaysBefore(dayNumber(to) + 1) - weekdaysBefore(dayNumber(from) + 1);
  for (const h of cal.holidays) if (h > from && h <= to && !cal.workdays.has(h) && isWeekday(h)) count--;
  for (const w of cal.workdays) if (w > from && w <= to && !isWeekday(w)) count++;
  return count;
}

/** Days since 1970-01-01 (a Thursday). */
const dayNumber = (date: string) => Math.round(toTime(date) / DAY);
const isWeekday = (date: string) => {
  const dow = new Date(toTime(date)).getUTCDay();
  return dow !== 0 && dow !== 6;
};
/** Weekdays among the first k days of a week that starts on a Thursday: Thu, Fri, Sat, Sun, Mon, Tue, Wed. */
const WEEKDAYS_FROM_THURSDAY = [0, 1, 2, 2, 2, 3, 4];
/** Weekdays among day numbers 0 … n − 1 (negative n counts backwards and comes out negative). */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  return weeks * 5 + WEEKDAYS_FROM_THURSDAY[n - weeks * 7]!;
}
