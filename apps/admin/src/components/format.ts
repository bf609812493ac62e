import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { DEFAULT_TIME_ZONE } from '@kaoping/shared';

dayjs.extend(utc);
dayjs.extend(timezone);

/*
 * Every time the admin shows is in the deployment's time zone (TIME_ZONE, told by GET
 * /api/deployment before the first page renders), whatever the browser's own zone: an office in
 * Hengyang and a reader abroad see the same 09:30.
 */
let zone = DEFAULT_TIME_ZONE;

/** Set once the API has named the deployment's zone. */
export function setTimeZone(name: string): void {
  zone = name;
}

export const timeZone = (): string => zone;

/** An instant on the deployment's clock. */
export const inZone = (iso: string | number | Date): Dayjs => dayjs(iso).tz(zone);

/** Date and time to the minute there, e.g. 2025-12-24 09:30. */
export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  if (!iso) return fallback;
  const d = dayjs(iso);
  return d.isValid() ? d.tz(zone).format('YYYY-MM-DD HH:mm') : fallback;
}

/** Date and time to the second there, for the audit log. */
export function formatTimestamp(iso: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.tz(zone).format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** Today's date there (YYYY-MM-DD): deadlines and "today" are the deployment's days. */
export const todayInZone = (): string => dayjs().tz(zone).format('YYYY-MM-DD');

/** Today there as a date picker's value (dates are picked without a time or zone). */
export const pickerToday = (): Dayjs => dayjs(todayInZone());

/**
 * Date pickers show the browser's wall clock: an instant becomes a picker value showing the
 * deployment's wall clock, and a picked value is read back as that wall clock in the deployment's zone.
 */
export const toPicker = (iso: string): Dayjs => dayjs(inZone(iso).format('YYYY-MM-DDTHH:mm:ss'));
export const fromPicker = (d: Dayjs): string => dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), zone).toISOString();

