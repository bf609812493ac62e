/**
 * Traffic lights of supervised items (DOMAIN.md §5, Suqian's rule as the default): green on
 * track; blue within N days of the deadline and not done; yellow behind 时序进度 or returned for
 * poor quality; red overdue. A red item with no corrective action since it turned red raises an
 * alert. Pure: the clock, the deployment's zone and working-day calendar are arguments, so tests fix them.
 *
 * 时序进度 runs from when the unit took the item on — a task once signed for (or issued, where
 * signing is switched off), a problem once put on the ledger — to the deadline, and lagging behind it
 * lights yellow only after a grace of N working days: an item issued today is not behind anything.
 */

import type { TaskLight as Light, TaskLightState as LightResult } from '@kaoping/shared';
import { localize, type Lang } from '../../lib/language.js';
import { TimeZone } from '../../lib/time-zone.js';
import { EMPTY_CALENDAR, workingDaysBetween, type WorkCalendar } from '../reminders/calendar.js';

export type { Light, LightResult };

export interface LightRules {
  /** Blue this many days (or fewer) before the deadline. */
  blueDays: number;
  /** Yellow when completion trails 时序进度 by more than this many percentage points. */
  lagTolerance: number;
  /** Working days after the schedule starts during which lagging does not light yellow. */
  graceDays: number;
}

export const DEFAULT_LIGHT_RULES: LightRules = { blueDays: 3, lagTolerance: 0, graceDays: 3 };

/** How lights are worked out: the settings, where days are counted, and the reader's language. */
export interface LightOptions {
  rules?: LightRules;
  zone?: TimeZone;
  calendar?: WorkCalendar;
  lang?: Lang;
}

export interface LightInput {
  /** The item's start date (ISO date); the schedule never starts before it. */
  start: string;
  /** When the unit took the item on (ISO instant or date): signed for, or issued where signing is off; null while it has not. */
  scheduleFrom: string | null;
  deadline: string;
  done: boolean;
  /** Reported completion, 0–100; null when nothing has been reported. */
  progress: number | null;
  /** Returned for poor quality and not yet fixed. */
  returned: boolean;
  /** When the unit last reported progress or a corrective action. */
  lastActionAt: string | null;
}

const DAY = 86_400_000;
const CHINA = new TimeZone();

/** 时序进度 of an item at `t`: the share of its schedule gone by (0 before it starts), and whether its grace is over. */
function schedule(item: LightInput, t: number, deadline: number, zone: TimeZone, calendar: WorkCalendar, graceDays: number): { expected: number; graceOver: boolean } {
  if (item.scheduleFrom === null) return { expected: 0, graceOver: false };
  const from = item.scheduleFrom.length === 10 ? zone.at(item.scheduleFrom).getTime() : Date.parse(item.scheduleFrom);
  const start = Math.max(from, zone.at(item.start).getTime());
  const expected = deadline <= start ? 100 : Math.min(100, Math.max(0, ((t - start) / (deadline - start)) * 100));
  return { expected, graceOver: workingDaysBetween(calendar, zone.date(start), zone.date(t)) > graceDays };
}

export function computeLight(item: LightInput, now: Date, opts: LightOptions = {}): LightResult {
  const rules = opts.rules ?? DEFAULT_LIGHT_RULES;
  const zone = opts.zone ?? CHINA;
  const say = (zh: string, en: string) => localize(opts.lang ?? 'zh', zh, en);
  const t = now.getTime();
  // A date alone means the end of that day: a task due on the 30th is on time all that day.
  const deadline = item.deadline.length === 10 ? zone.endOfDay(item.deadline) : Date.parse(item.deadline);
  const { expected, graceOver } = schedule(item, t, deadline, zone, opts.calendar ?? EMPTY_CALENDAR, rules.graceDays);
  if (item.done) return { light: null, reason: say('已办结', 'closed'), alert: false, expected };
  if (t > deadline) {
    const days = Math.ceil((t - deadline) / DAY);
    const acted = item.lastActionAt !== null && Date.parse(item.lastActionAt) > deadline;
    return { light: 'red', reason: say(`已超期 ${days} 天`, `${days} ${days === 1 ? 'day' : 'days'} overdue`), alert: !acted, expected };
  }
  if (item.returned) return { light: 'yellow', reason: say('因质量问题被退回，尚未整改', 'returned for poor quality, not yet put right'), alert: false, expected };
  const progress = item.progress ?? 0;
  if (graceOver && progress + rules.lagTolerance < expected) {
    return {
      light: 'yellow',
      reason: say(`完成 ${progress.toFixed(0)}%，落后于时序进度 ${expected.toFixed(0)}%`, `${progress.toFixed(0)}% done, behind the schedule's ${expected.toFixed(0)}%`),
      alert: false,
      expected,
    };
  }
  // Whole days left: on the 28th a task due on the 31st has 3.
  const left = Math.floor((deadline - t) / DAY);
  if (left <= rules.blueDays) return { light: 'blue', reason: left === 0 ? say('今天到期', 'due today') : say(`距期限还有 ${left} 天`, `${left} ${left === 1 ? 'day' : 'days'} to the deadline`), alert: false, expected };
  return { light: 'green', reason: say('正常推进', 'on track'), alert: false, expected };
}
