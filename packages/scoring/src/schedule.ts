/**
 * Reporting periods and 时序进度 (schedule progress). Units report weekly (一周一调度), by
 * ten-day period (旬), monthly, quarterly or yearly; 时序进度 is the share of the period gone,
 * against which cumulative completion is judged (DOMAIN.md §4).
 */
import { ScoringError } from './errors.js';
import {
  dayOfWeek,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  parseIsoDate,
  requireYear,
  toDayNumber,
} from './dates.js';
import { fmt, fmtPct } from './explain.js';

/** Reporting frequencies (DOMAIN.md §2). */
export type Frequency = 'week' | 'tenDay' | 'month' | 'quarter' | 'year';

/** Chinese names of the frequencies. */
export const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  week: '周',
  tenDay: '旬',
  month: '月',
  quarter: '季度',
  year: '年',
};

/** One reporting period; start and end are inclusive ISO dates. */
export interface Period {
  /** Stable key: "2021-W09", "2021-03-D2", "2021-03", "2021-Q1", "2021". */
  key: string;
  /** Chinese label: "2021年第9周", "2021年3月中旬", "2021年3月", "2021年第一季度", "2021年". */
  label: string;
  start: string;
  end: string;
  frequency: Frequency;
  /** The year the period belongs to (for weeks, the ISO week-year). */
  year: number;
  /** 1-based position of the period in its year. */
  index: number;
}

const TEN_DAY_NAMES = ['上旬', '中旬', '下旬'] as const;
const QUARTER_NAMES = ['一', '二', '三', '四'] as const;
const pad2 = (n: number): string => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number): string => formatIsoDate({ year, month, day });

/** Monday of ISO week 1 of `year`: the week that contains 4 January. */
function isoWeekOneMonday(year: number): number {
  const jan4 = toDayNumber({ year, month: 1, day: 4 });
  return jan4 - (dayOfWeek({ year, month: 1, day: 4 }) - 1);
}

/** Number of ISO weeks in an ISO week-year (52 or 53). */
export function isoWeeksInYear(year: number): number {
  return (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
}

function weekPeriod(year: number, week: number): Period {
  const monday = isoWeekOneMonday(year) + (week - 1) * 7;
  return {
    key: `${year}-W${pad2(week)}`,
    label: `${year}年第${week}周`,
    start: formatIsoDate(fromDayNumber(monday)),
    end: formatIsoDate(fromDayNumber(monday + 6)),
    frequency: 'week',
    year,
    index: week,
  };
}

function tenDayPeriod(year: number, month: number, part: 1 | 2 | 3): Period {
  const startDay = (part - 1) * 10 + 1;
  const endDay = part === 3 ? daysInMonth(year, month) : part * 10;
  return {
    key: `${year}-${pad2(month)}-D${part}`,
    label: `${year}年${month}月${TEN_DAY_NAMES[part - 1] ?? ''}`,
    start: iso(year, month, startDay),
    end: iso(year, month, endDay),
    frequency: 'tenDay',
    year,
    index: (month - 1) * 3 + part,
  };
}

function monthPeriod(year: number, month: number): Period {
  return {
    key: `${year}-${pad2(month)}`,
    label: `${year}年${month}月`,
    start: iso(year, month, 1),
    end: iso(year, month, daysInMonth(year, month)),
    frequency: 'month',
    year,
    index: month,
  };
}

function quarterPeriod(year: number, quarter: number): Period {
  const lastMonth = quarter * 3;
  return {
    key: `${year}-Q${quarter}`,
    label: `${year}年第${QUARTER_NAMES[quarter - 1] ?? quarter}季度`,
    start: iso(year, lastMonth - 2, 1),
    end: iso(year, lastMonth, daysInMonth(year, lastMonth)),
    frequency: 'quarter',
    year,
    index: quarter,
  };
}

function yearPeriod(year: number): Period {
  return { key: String(year), label: `${year}年`, start: iso(year, 1, 1), end: iso(year, 12, 31), frequency: 'year', year, index: 1 };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/**
 * The reporting periods of a year, in order. Ten-day periods are days 1–10, 11–20 and 21–end
 * of month (36 a year). Weeks are ISO 8601 weeks (Monday to Sunday) of the ISO week-year, so
 * week 1 may start in late December and the last week may end in early January.
 */
export function generatePeriods(year: number, frequency: Frequency): Period[] {
  requireYear(year);
  switch (frequency) {
    case 'week':
      return range(isoWeeksInYear(year)).map((w) => weekPeriod(year, w));
    case 'tenDay':
      return range(12).flatMap((m) => ([1, 2, 3] as const).map((p) => tenDayPeriod(year, m, p)));
    case 'month':
      return range(12).map((m) => monthPeriod(year, m));
    case 'quarter':
      return range(4).map((q) => quarterPeriod(year, q));
    case 'year':
      return [yearPeriod(year)];
  }
}

/** The period of a frequency that contains a date, e.g. to file a report under the right period. */
export function periodContaining(date: string, frequency: Frequency): Period {
  const d = parseIsoDate(date);
  switch (frequency) {
    case 'week': {
      const n = toDayNumber(d);
      let year = d.year + 1;
      while (isoWeekOneMonday(year) > n) year--;
      return weekPeriod(year, Math.floor((n - isoWeekOneMonday(year)) / 7) + 1);
    }
    case 'tenDay':
      return tenDayPeriod(d.year, d.month, d.day <= 10 ? 1 : d.day <= 20 ? 2 : 3);
    case 'month':
      return monthPeriod(d.year, d.month);
    case 'quarter':
      return quarterPeriod(d.year, Math.ceil(d.month / 3));
    case 'year':
      return yearPeriod(d.year);
  }
}

/** Parses a period key made by `generatePeriods` back into its period. */
export function periodFromKey(key: string): Period {
  const bad = (): never => {
    throw new ScoringError('INVALID_INPUT', `无法识别的期间标识「${key}」`);
  };
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const year = requireYear(Number(m[1]));
    const week = Number(m[2]);
    return week >= 1 && week <= isoWeeksInYear(year) ? weekPeriod(year, week) : bad();
  }
  if ((m = /^(\d{4})-(\d{2})-D([123])$/.exec(key))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? tenDayPeriod(requireYear(Number(m[1])), month, Number(m[3]) as 1 | 2 | 3) : bad();
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthPeriod(requireYear(Number(m[1])), month) : bad();
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return quarterPeriod(requireYear(Number(m[1])), Number(m[2]));
  if ((m = /^(\d{4})$/.exec(key))) return yearPeriod(requireYear(Number(m[1])));
  return bad();
}

/** 时序进度 with how it was reached: elapsed of total days (or months), as a share. */
export interface ScheduleProgress {
  /** The share of the period gone, in [0, 1]. */
  value: number;
  elapsed: number;
  total: number;
  unit: 'day' | 'month';
  /** The arithmetic, e.g. "8/12 = 66.67%". */
  text: string;
}

/**
 * 时序进度 of a date within a period: days elapsed ÷ days in the period, counting the as-of day
 * itself (progress at the end of that day), so the last day gives 100%. Before the period: 0;
 * after it: 1.
 */
export function scheduleProgress(asOf: string, period: { start: string; end: string }): ScheduleProgress {
  const start = toDayNumber(period.start);
  const end = toDayNumber(period.end);
  if (end < start) throw new ScoringError('INVALID_INPUT', `期间结束日 ${period.end} 早于开始日 ${period.start}`);
  const total = end - start + 1;
  const elapsed = Math.min(Math.max(toDayNumber(asOf) - start + 1, 0), total);
  const value = elapsed / total;
  return { value, elapsed, total, unit: 'day', text: `${elapsed}/${total} = ${fmtPct(value)}` };
}

/** 时序进度 of a date within its calendar year, by days (2021-08-31 → 243/365). */
export function yearProgress(asOf: string): ScheduleProgress {
  const { year } = parseIsoDate(asOf);
  return scheduleProgress(asOf, { start: iso(year, 1, 1), end: iso(year, 12, 31) });
}

/** 时序进度 by months: months elapsed ÷ 12 (Jan–Aug → 8/12 = 66.67%), as offices usually report it. */
export function monthsProgress(monthsElapsed: number, totalMonths = 12): ScheduleProgress {
  if (!Number.isInteger(totalMonths) || totalMonths < 1) throw new ScoringError('INVALID_INPUT', `总月数必须是正整数，收到 ${totalMonths}`);
  if (!Number.isFinite(monthsElapsed) || monthsElapsed < 0 || monthsElapsed > totalMonths) {
    throw new ScoringError('INVALID_INPUT', `已过月数应在 0 到 ${totalMonths} 之间，收到 ${monthsElapsed}`);
  }
  const value = monthsElapsed / totalMonths;
  return { value, elapsed: monthsElapsed, total: totalMonths, unit: 'month', text: `${fmt(monthsElapsed)}/${totalMonths} = ${fmtPct(value)}` };
}

/** How 时序进度 is counted: by months (months ended ÷ 12) or by days (days elapsed ÷ days in the year). */
export type ProgressBasis = 'month' | 'day';

/**
 * 时序进度 by months at a date: the months that have ended by `asOf` ÷ 12 — a month counts once
 * its last day is reached, as a period's data count only once the period has ended
 * (2021-08-31 → 8/12 = 66.67%; 2021-08-30 → 7/12).
 */
export function monthsProgressAt(asOf: string): ScheduleProgress {
  const { year, month, day } = parseIsoDate(asOf);
  return monthsProgress(day === daysInMonth(year, month) ? month : month - 1);
}

/** 时序进度 of the year at a date on the given basis. */
export function progressAt(asOf: string, basis: ProgressBasis): ScheduleProgress {
  return basis === 'month' ? monthsProgressAt(asOf) : yearProgress(asOf);
}
