/**
 * Traffic lights of supervised items (DOMAIN.md §5, Suqian's rule as the default): green on
 * track; blue within N days of the deadline and not done; yellow behind 时序进度 or returned for
 * poor quality; red overdue. A red item with no corrective action since it turned red raises an
 * alert. Pure: the clock is an argument, so tests fix it.
 */

import type { TaskLight as Light, TaskLightState as LightResult } from '@kaoping/shared';

export type { Light, LightResult };

export interface LightRules {
  /** Blue this many days (or fewer) before the deadline. */
  blueDays: number;
  /** Yellow when completion trails 时序进度 by more than this many percentage points. */
  lagTolerance: number;
}

export const DEFAULT_LIGHT_RULES: LightRules = { blueDays: 3, lagTolerance: 0 };

export interface LightInput {
  /** When the work started (issued), ISO date or date-time. */
  start: string;
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
/** A date alone means the end of that day (China time): a task due on the 30th is on time all that day. */
const endOf = (d: string) => (d.length === 10 ? Date.parse(`${d}T23:59:59.999+08:00`) : Date.parse(d));
const startOf = (d: string) => (d.length === 10 ? Date.parse(`${d}T00:00:00+08:00`) : Date.parse(d));

export function computeLight(item: LightInput, now: Date, rules: LightRules = DEFAULT_LIGHT_RULES): LightResult {
  const t = now.getTime();
  const start = startOf(item.start);
  const deadline = endOf(item.deadline);
  const expected = deadline <= start ? 100 : Math.min(100, Math.max(0, ((t - start) / (deadline - start)) * 100));
  if (item.done) return { light: null, reason: '已办结', alert: false, expected };
  if (t > deadline) {
    const days = Math.ceil((t - deadline) / DAY);
    const acted = item.lastActionAt !== null && Date.parse(item.lastActionAt) > deadline;
    return { light: 'red', reason: `已超期 ${days} 天`, alert: !acted, expected };
  }
  if (item.returned) return { light: 'yellow', reason: '因质量问题被退回，尚未整改', alert: false, expected };
  const progress = item.progress ?? 0;
  if (progress + rules.lagTolerance < expected) {
    return { light: 'yellow', reason: `完成 ${progress.toFixed(0)}%，落后于时序进度 ${expected.toFixed(0)}%`, alert: false, expected };
  }
  // Whole days left: on the 28th a task due on the 31st has 3.
  const left = Math.floor((deadline - t) / DAY);
  if (left <= rules.blueDays) return { light: 'blue', reason: left === 0 ? '今天到期' : `距办理期限还有 ${left} 天`, alert: false, expected };
  return { light: 'green', reason: '正常推进', alert: false, expected };
}
