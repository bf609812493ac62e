/**
 * The deployment's time zone (TIME_ZONE, default Asia/Shanghai). Every date and time a person reads,
 * an office exports or a rule counts in days is the calendar date and wall-clock time there, whatever
 * the zone of the server, the database session or the browser. This is the one place that turns
 * instants into local dates and times and back.
 */

import { DEFAULT_TIME_ZONE } from '@kaoping/shared';

export { DEFAULT_TIME_ZONE };

const DAY = 86_400_000;
const SPAN = 15 * 60_000;

/** The zone's canonical IANA name, or null when the runtime does not know it. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const toMs = (at: Date | number | string) => (typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime());

/** The next calendar day of an ISO date (YYYY-MM-DD). */
export const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

export class TimeZone {
  readonly name: string;
  private readonly fmt: Intl.DateTimeFormat;

  constructor(name: string = DEFAULT_TIME_ZONE) {
    const canonical = canonicalTimeZone(name);
    if (!canonical) throw new RangeError(`unknown time zone "${name}"`);
    this.name = canonical;
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: canonical,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** The zone's wall clock at an instant. */
  clock(at: Date | number | string): WallClock {
    const ms = toMs(at);
    const offset = this.spanOffset(ms);
    if (offset === null) return this.formatted(ms);
    const w = new Date(Math.floor(ms / 1000) * 1000 + offset);
    return { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds() };
  }

  /** The wall clock as Intl formats it: right everywhere, but slow (a light, a list, a screen asks thousands of times). */
  private formatted(ms: number): WallClock {
    const out: Record<string, number> = {};
    for (const p of this.fmt.formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
    return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
  }

  private readonly offsets = new Map<number, number | null>();

  /**
   * The zone's offset throughout the 15-minute span of UTC holding `ms`, kept once worked out; null
   * when the offset changes within the span (a daylight-saving change lands there), which then goes
   * by Intl every time. Offsets change only at such changes, and no zone changes twice in 15 minutes.
   */
  private spanOffset(ms: number): number | null {
    const span = Math.floor(ms / SPAN);
    let offset = this.offsets.get(span);
    if (offset === undefined) {
      const first = this.offsetByIntl(span * SPAN);
      offset = first === this.offsetByIntl(span * SPAN + SPAN - 1000) ? first : null;
      if (this.offsets.size >= 50_000) this.offsets.clear();
      this.offsets.set(span, offset);
    }
    return offset;
  }

  private offsetByIntl(t: number): number {
    const c = this.formatted(t);
    return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - t;
  }

  /** The calendar date there, YYYY-MM-DD. */
  date(at: Date | number | string = Date.now()): string {
    const c = this.clock(at);
    return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
  }

  /** Date and time to the minute there, e.g. 2021-12-16 09:30. */
  minute(at: Date | number | string): string {
    const c = this.clock(at);
    return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}`;
  }

  /** Offset of the wall clock from UTC at an instant, in ms (+8 h for Asia/Shanghai). */
  offset(at: Date | number | string): number {
    const t = Math.floor(toMs(at) / 1000) * 1000;
    const c = this.clock(t);
    return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - t;
  }

  /** The instant the zone's clock shows `date` (YYYY-MM-DD) at hour:minute. */
  at(date: string, hour = 0, minute = 0): Date {
    const wall = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000 + minute * 60_000;
    // Twice, so a date whose offset differs from the guess's (a daylight-saving change) lands right.
    const guess = wall - this.offset(wall);
    return new Date(wall - this.offset(guess));
  }

  /** The last millisecond of a calendar day there: a task due on the 30th is on time all that day. */
  endOfDay(date: string): number {
    return this.at(nextDay(date)).getTime() - 1;
  }

  /**
   * An instant as Excel keeps times: a serial of the wall clock without a zone. exceljs writes a JS
   * Date by its UTC fields, so the Date returned carries the zone's wall clock in them.
   */
  excel(at: Date | number | string): Date {
    const t = toMs(at);
    return new Date(t + this.offset(t));
  }
}
