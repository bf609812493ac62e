import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringError } from './errors.js';
import { addDays, dayOfWeek, daysInMonth, daysInYear, formatIsoDate, fromDayNumber, isLeapYear, parseIsoDate, toDayNumber } from './dates.js';

describe('calendar arithmetic', () => {
  it('knows leap years', () => {
    expect([2020, 2000, 2024].map(isLeapYear)).toEqual([true, true, true]);
    expect([2021, 1900, 2100].map(isLeapYear)).toEqual([false, false, false]);
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(2021, 2)).toBe(28);
    expect(daysInMonth(2021, 4)).toBe(30);
    expect(daysInYear(2020)).toBe(366);
  });

  it('counts days from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2021-01-01')).toBe(18628);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
  });

  it('knows the day of the week (Monday = 1)', () => {
    expect(dayOfWeek('2021-12-15')).toBe(3);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2021-01-03')).toBe(7);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => parseIsoDate('2021-02-29')).toThrow(ScoringError);
    expect(() => parseIsoDate('2021-2-3')).toThrow(ScoringError);
    expect(() => parseIsoDate('2021-13-01')).toThrow(ScoringError);
    expect(parseIsoDate('2020-02-29')).toEqual({ year: 2020, month: 2, day: 29 });
  });

  it('round-trips every day number through its date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (n) => {
        const d = fromDayNumber(n);
        expect(toDayNumber(d)).toBe(n);
        expect(d.day).toBeLessThanOrEqual(daysInMonth(d.year, d.month));
        expect(toDayNumber(formatIsoDate(d))).toBe(n);
      }),
    );
  });
});
