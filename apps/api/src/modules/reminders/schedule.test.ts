import { describe, expect, it } from 'vitest';
import type { WorkCalendar } from './calendar.js';
import { dueReminders } from './schedule.js';

// National Day 2021: 1–7 October off; Sunday 26 September and Saturday 9 October worked.
const CAL: WorkCalendar = {
  holidays: new Set(['2021-10-01', '2021-10-02', '2021-10-03', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07']),
  workdays: new Set(['2021-09-26', '2021-10-09']),
};
const RULES = { leadDays: 3, repeatDays: 2, escalateHeadAfter: 2, escalateOfficeAfter: 5 };
const kinds = (today: string, deadline = '2021-10-11') => dueReminders(CAL, deadline, today, RULES).map((r) => `${r.kind}@${r.dueDate}/${r.days}`);

describe('dueReminders', () => {
  it('reminds 3 working days before a deadline across the holiday', () => {
    // Deadline Monday 11 October: working days before it are Sat 9th, Fri 8th, Thu 30 Sep.
    expect(kinds('2021-09-29')).toEqual([]);
    expect(kinds('2021-09-30')).toEqual(['approaching@2021-09-30/3']);
    expect(kinds('2021-10-05')).toEqual(['approaching@2021-09-30/3']);
    expect(kinds('2021-10-09')).toEqual(['approaching@2021-09-30/3']);
  });
  it('presses on the deadline day and every 2 working days after, escalating after 2 and 5', () => {
    expect(kinds('2021-10-11')).toEqual(['overdue@2021-10-11/0']);
    expect(kinds('2021-10-12')).toEqual(['overdue@2021-10-11/0']);
    expect(kinds('2021-10-13')).toEqual(['overdue@2021-10-13/2', 'escalation_head@2021-10-13/2']);
    expect(kinds('2021-10-16')).toEqual(['overdue@2021-10-15/4', 'escalation_head@2021-10-13/2']); // Saturday: Friday's stands
    expect(kinds('2021-10-18')).toEqual(['overdue@2021-10-15/4', 'escalation_head@2021-10-13/2', 'escalation_office@2021-10-18/5']);
  });
  it('presses from the next working day when the deadline is a holiday', () => {
    expect(kinds('2021-10-07', '2021-10-03')).toEqual(['approaching@2021-09-28/3']);
    expect(kinds('2021-10-08', '2021-10-03')).toEqual(['overdue@2021-10-08/1']);
  });
});
