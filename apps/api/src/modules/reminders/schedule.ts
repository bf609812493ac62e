import type { ReminderKind } from '@kaoping/shared';
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from './calendar.js';

/** When reminders fall due, in working days (reminder_settings). */
export interface ScheduleRules {
  leadDays: number;
  repeatDays: number;
  escalateHeadAfter: number;
  escalateOfficeAfter: number;
}

export interface DueReminder {
  kind: ReminderKind;
  /** The working day the reminder belongs to; with the kind it names the reminder. */
  dueDate: string;
  /** Overdue working days at dueDate (0 on the deadline day); for 临近提醒, working days left. */
  days: number;
}

/**
 * The reminders an open task has due on or before `today` (pure):
 * - 临近提醒 on the leadDays-th working day before the deadline, until the deadline day;
 * - 到期催办 on the deadline day (the next working day when it falls on a rest day), then every
 *   repeatDays working days — only the latest occurrence, so a planner that was down does not
 *   send a backlog;
 * - escalation to the unit head once the task is escalateHeadAfter working days overdue, and to
 *   the responsible leader and the supervision office after escalateOfficeAfter.
 */
export function dueReminders(cal: WorkCalendar, deadline: string, today: string, rules: ScheduleRules): DueReminder[] {
  const dueDay = addWorkingDays(cal, deadline, 0);
  if (today < dueDay) {
    const at = addWorkingDays(cal, deadline, -rules.leadDays);
    return at <= today ? [{ kind: 'approaching', dueDate: at, days: rules.leadDays }] : [];
  }
  const repeats = Math.floor(workingDaysBetween(cal, dueDay, today) / rules.repeatDays);
  const latest = repeats === 0 ? dueDay : addWorkingDays(cal, dueDay, repeats * rules.repeatDays);
  const out: DueReminder[] = [{ kind: 'overdue', dueDate: latest, days: Math.max(0, workingDaysBetween(cal, deadline, latest)) }];
  const overdue = workingDaysBetween(cal, deadline, today);
  if (overdue >= rules.escalateHeadAfter) {
    out.push({ kind: 'escalation_head', dueDate: addWorkingDays(cal, deadline, rules.escalateHeadAfter), days: rules.escalateHeadAfter });
  }
  if (overdue >= rules.escalateOfficeAfter) {
    out.push({ kind: 'escalation_office', dueDate: addWorkingDays(cal, deadline, rules.escalateOfficeAfter), days: rules.escalateOfficeAfter });
  }
  return out;
}
