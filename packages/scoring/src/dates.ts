/**
 * Calendar arithmetic on ISO dates ("2021-03-15") by plain integer maths, so periods and
 * 时序进度 never depend on the machine's clock or time zone.
 */
import { ScoringError } from './errors.js';

/** A calendar date; month and day are 1-based. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** True for Gregorian leap years (2020, 2000; not 1900, 2021). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of a year (February 28 or 29). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days in a year (365 or 366). */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Throws unless `year` is a whole year from 1 to 9999. */
export function requireYear(year: number): number {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new ScoringError('INVALID_INPUT', `年份必须是 1 到 9999 之间的整数，收到 ${year}`);
  }
  return year;
}

/** Parses "YYYY-MM-DD", rejecting impossible dates such as 2021-02-29. */
export function parseIsoDate(iso: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new ScoringError('INVALID_INPUT', `日期格式应为 YYYY-MM-DD，收到「${iso}」`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new ScoringError('INVALID_INPUT', `日期不存在：「${iso}」`);
  }
  return { year, month, day };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Formats a date as "YYYY-MM-DD". */
export function formatIsoDate(d: CivilDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** Days since 1970-01-01 (negative before), so dates can be subtracted. */
export function toDayNumber(date: CivilDate | string): number {
  const { year, month, day } = typeof date === 'string' ? parseIsoDate(date) : date;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number (inverse of `toDayNumber`). */
export function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The ISO date `days` after `iso` (before, if negative). */
export function addDays(iso: string, days: number): string {
  return formatIsoDate(fromDayNumber(toDayNumber(iso) + days));
}

/** Day of the week, Monday = 1 … Sunday = 7 (as in China and ISO 8601). */
export function dayOfWeek(date: CivilDate | string): number {
  const n = toDayNumber(date);
  return ((((n + 3) % 7) + 7) % 7) + 1;
}
