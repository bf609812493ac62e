import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_CALENDAR, addWorkingDays, isWorkingDay, workingDaysBetween, type WorkCalendar } from './calendar.js';

// The 2021 arrangement around the National Day and Mid-Autumn holidays (as seeded by migration 0009).
const CAL_2021: WorkCalendar = {
  holidays: new Set(['2021-09-19', '2021-09-20', '2021-09-21', '2021-10-01', '2021-10-02', '2021-10-03', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07']),
  workdays: new Set(['2021-09-18', '2021-09-26', '2021-10-09']),
};

describe('isWorkingDay', () => {
  it('takes Monday to Friday as working days with no calendar', () => {
    expect(isWorkingDay(EMPTY_CALENDAR, '2021-06-04')).toBe(true); // Friday
    expect(isWorkingDay(EMPTY_CALENDAR, '2021-06-05')).toBe(false); // Saturday
    expect(isWorkingDay(EMPTY_CALENDAR, '2021-06-06')).toBe(false); // Sunday
  });
  it('rests on holidays and works on make-up days (调休)', () => {
    expect(isWorkingDay(CAL_2021, '2021-10-04')).toBe(false); // Monday, National Day
    expect(isWorkingDay(CAL_2021, '2021-09-26')).toBe(true); // Sunday, make-up day
    expect(isWorkingDay(CAL_2021, '2021-10-09')).toBe(true); // Saturday, make-up day
    expect(isWorkingDay(CAL_2021, '2021-09-20')).toBe(false); // Monday, Mid-Autumn
  });
});

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    expect(addWorkingDays(EMPTY_CALENDAR, '2021-06-04', 1)).toBe('2021-06-07');
    expect(addWorkingDays(EMPTY_CALENDAR, '2021-06-07', -1)).toBe('2021-06-04');
    expect(addWorkingDays(EMPTY_CALENDAR, '2021-06-01', 5)).toBe('2021-06-08');
  });
  it('crosses the National Day holiday and its make-up days', () => {
    // Thursday 30 September + 1 working day: 1–7 October are off, Friday 8th is the next.
    expect(addWorkingDays(CAL_2021, '2021-09-30', 1)).toBe('2021-10-08');
    // …and the Saturday after is a make-up working day.
    expect(addWorkingDays(CAL_2021, '2021-09-30', 2)).toBe('2021-10-09');
    // Three working days before Friday 8 October: 30 Sep, 29 Sep, 28 Sep.
    expect(addWorkingDays(CAL_2021, '2021-10-08', -3)).toBe('2021-09-28');
    // Sunday 26 September is a working day, so it counts going back from Tuesday 28th.
    expect(addWorkingDays(CAL_2021, '2021-09-28', -2)).toBe('2021-09-26');
  });
  it('with 0 keeps a working day and moves a rest day to the next working day', () => {
    expect(addWorkingDays(CAL_2021, '2021-09-30', 0)).toBe('2021-09-30');
    expect(addWorkingDays(CAL_2021, '2021-10-03', 0)).toBe('2021-10-08');
    expect(addWorkingDays(CAL_2021, '2021-09-18', 0)).toBe('2021-09-18');
  });
  it('starts from a rest day as from any day', () => {
    expect(addWorkingDays(CAL_2021, '2021-10-03', 1)).toBe('2021-10-08');
    expect(addWorkingDays(CAL_2021, '2021-10-03', -1)).toBe('2021-09-30');
  });
  it('refuses a fractional count', () => {
    expect(() => addWorkingDays(EMPTY_CALENDAR, '2021-06-01', 1.5)).toThrow(RangeError);
  });
  it('crosses month and year ends', () => {
    expect(addWorkingDays(EMPTY_CALENDAR, '2021-12-31', 1)).toBe('2022-01-03');
    expect(addWorkingDays(EMPTY_CALENDAR, '2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the start up to and including the end', () => {
    expect(workingDaysBetween(EMPTY_CALENDAR, '2021-06-04', '2021-06-07')).toBe(1);
    expect(workingDaysBetween(EMPTY_CALENDAR, '2021-06-04', '2021-06-06')).toBe(0);
    expect(workingDaysBetween(EMPTY_CALENDAR, '2021-06-04', '2021-06-04')).toBe(0);
    expect(workingDaysBetween(CAL_2021, '2021-09-30', '2021-10-08')).toBe(1);
    expect(workingDaysBetween(CAL_2021, '2021-09-17', '2021-09-22')).toBe(2); // Sat 18th (make-up) and Wed 22nd
  });
  it('is negative when the end comes first', () => {
    expect(workingDaysBetween(CAL_2021, '2021-10-08', '2021-09-30')).toBe(-1);
    expect(workingDaysBetween(CAL_2021, '2021-10-03', '2021-09-30')).toBe(0);
  });

  const calendars = fc
    .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 30 }), fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 10 }))
    .map(([h, w]): WorkCalendar => {
      const day = (i: number) => new Date(Date.UTC(2021, 8, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return { holidays: new Set(h.map(day)), workdays: new Set(w.map(day)) };
    });
  const dates = fc.integer({ min: 0, max: 120 }).map((i) => new Date(Date.UTC(2021, 8, 1) + i * 86_400_000).toISOString().slice(0, 10));

  it('undoes addWorkingDays, and adding lands on a working day', () => {
    fc.assert(
      fc.property(calendars, dates, fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0), (cal, d, n) => {
        const r = addWorkingDays(cal, d, n);
        expect(isWorkingDay(cal, r)).toBe(true);
        // Backwards from a rest day, the first step lands on a working day that the span (r, d] does not count.
        expect(workingDaysBetween(cal, d, r)).toBe(n > 0 || isWorkingDay(cal, d) ? n : n + 1);
        expect(n > 0 ? r > d : r < d).toBe(true);
      }),
    );
  });
  it('equals counting the working days one by one, over spans of years', () => {
    const walk = (cal: WorkCalendar, from: string, to: string) => {
      let n = 0;
      for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000; t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
        if (isWorkingDay(cal, new Date(t).toISOString().slice(0, 10))) n++;
      }
      return n;
    };
    const anyDay = fc.integer({ min: -800, max: 1500 }).map((i) => new Date(Date.UTC(2021, 8, 1) + i * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(calendars, anyDay, anyDay, (cal, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(workingDaysBetween(cal, from, to)).toBe(walk(cal, from, to));
      }),
    );
    // Across the epoch and its Thursday: 1969-12-31 (Wed) to 1970-01-05 (Mon) holds Thu, Fri and Mon.
    expect(workingDaysBetween(EMPTY_CALENDAR, '1969-12-31', '1970-01-05')).toBe(3);
  });
  it('adds up over consecutive spans', () => {
    fc.assert(
      fc.property(calendars, dates, dates, dates, (cal, a, b, c) => {
        expect(workingDaysBetween(cal, a, b) + workingDaysBetween(cal, b, c)).toBe(workingDaysBetween(cal, a, c));
      }),
    );
  });
});
