import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, toDayNumber } from './dates.js';
import { ScoringError } from './errors.js';
import {
  generatePeriods,
  isoWeeksInYear,
  monthsProgress,
  monthsProgressAt,
  periodContaining,
  periodFromKey,
  progressAt,
  scheduleProgress,
  yearProgress,
  type Frequency,
} from './schedule.js';

describe('ten-day periods (旬)', () => {
  it('gives 36 periods a year: days 1–10, 11–20 and 21–end of month', () => {
    const periods = generatePeriods(2021, 'tenDay');
    expect(periods).toHaveLength(36);
    expect(periods[0]).toEqual({
      key: '2021-01-D1',
      label: '2021年1月上旬',
      start: '2021-01-01',
      end: '2021-01-10',
      frequency: 'tenDay',
      year: 2021,
      index: 1,
    });
    expect(periods[7]).toMatchObject({ key: '2021-03-D2', label: '2021年3月中旬', start: '2021-03-11', end: '2021-03-20' });
    const lastEnds = periods.filter((p) => p.key.endsWith('D3')).map((p) => p.end.slice(8));
    expect(lastEnds).toEqual(['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31']);
  });

  it('ends February on the 29th in a leap year and the 28th otherwise', () => {
    const feb = (y: number) => generatePeriods(y, 'tenDay').find((p) => p.key === `${y}-02-D3`);
    expect(feb(2020)).toMatchObject({ start: '2020-02-21', end: '2020-02-29', label: '2020年2月下旬' });
    expect(feb(2021)).toMatchObject({ start: '2021-02-21', end: '2021-02-28' });
    expect(feb(2000)?.end).toBe('2000-02-29');
    expect(feb(1900)?.end).toBe('1900-02-28');
  });
});

describe('periods of a year', () => {
  it('labels months, quarters and the year in Chinese', () => {
    const months = generatePeriods(2021, 'month');
    expect(months).toHaveLength(12);
    expect(months[2]).toMatchObject({ key: '2021-03', label: '2021年3月', start: '2021-03-01', end: '2021-03-31' });
    expect(generatePeriods(2021, 'quarter').map((q) => [q.key, q.label, q.start, q.end])).toEqual([
      ['2021-Q1', '2021年第一季度', '2021-01-01', '2021-03-31'],
      ['2021-Q2', '2021年第二季度', '2021-04-01', '2021-06-30'],
      ['2021-Q3', '2021年第三季度', '2021-07-01', '2021-09-30'],
      ['2021-Q4', '2021年第四季度', '2021-10-01', '2021-12-31'],
    ]);
    expect(generatePeriods(2021, 'year')).toEqual([
      { key: '2021', label: '2021年', start: '2021-01-01', end: '2021-12-31', frequency: 'year', year: 2021, index: 1 },
    ]);
  });

  it('uses ISO weeks, Monday to Sunday', () => {
    const weeks = generatePeriods(2021, 'week');
    expect(weeks).toHaveLength(52);
    expect(weeks[0]).toMatchObject({ key: '2021-W01', label: '2021年第1周', start: '2021-01-04', end: '2021-01-10' });
    expect(weeks[51]).toMatchObject({ start: '2021-12-27', end: '2022-01-02' });
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(generatePeriods(2020, 'week')[0]).toMatchObject({ start: '2019-12-30' });
    expect(periodContaining('2021-01-02', 'week').key).toBe('2020-W53');
    expect(periodContaining('2021-12-15', 'week').key).toBe('2021-W50');
  });

  it('tiles the year with no gap or overlap (all but weeks)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.constantFrom<Frequency>('tenDay', 'month', 'quarter', 'year'), (year, f) => {
        const periods = generatePeriods(year, f);
        expect(periods[0]?.start).toBe(`${year}-01-01`);
        expect(periods[periods.length - 1]?.end).toBe(`${year}-12-31`);
        periods.forEach((p, i) => {
          expect(p.index).toBe(i + 1);
          expect(toDayNumber(p.end)).toBeGreaterThanOrEqual(toDayNumber(p.start));
          const next = periods[i + 1];
          if (next) expect(next.start).toBe(addDays(p.end, 1));
        });
      }),
    );
  });

  it('consecutive ISO weeks are 7 days, contiguous across years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const weeks = [...generatePeriods(year, 'week'), ...generatePeriods(year + 1, 'week')];
        weeks.forEach((w, i) => {
          expect(toDayNumber(w.end) - toDayNumber(w.start)).toBe(6);
          const next = weeks[i + 1];
          if (next) expect(next.start).toBe(addDays(w.end, 1));
        });
      }),
    );
  });

  it('finds the period containing any date, and every key parses back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber('1950-01-01'), max: toDayNumber('2150-12-31') }),
        fc.constantFrom<Frequency>('week', 'tenDay', 'month', 'quarter', 'year'),
        (n, f) => {
          const date = addDays('1970-01-01', n);
          const p = periodContaining(date, f);
          expect(toDayNumber(p.start)).toBeLessThanOrEqual(n);
          expect(toDayNumber(p.end)).toBeGreaterThanOrEqual(n);
          expect(periodFromKey(p.key)).toEqual(p);
          expect(generatePeriods(p.year, f)[p.index - 1]).toEqual(p);
        },
      ),
    );
  });

  it('rejects unknown keys and years', () => {
    expect(() => periodFromKey('2021-13')).toThrow(ScoringError);
    expect(() => periodFromKey('2021-W54')).toThrow(ScoringError);
    expect(() => periodFromKey('March')).toThrow(ScoringError);
    expect(() => generatePeriods(2021.5, 'month')).toThrow(ScoringError);
  });
});

describe('时序进度', () => {
  it('counts the as-of day itself: days elapsed ÷ days in the period', () => {
    expect(yearProgress('2021-08-31')).toMatchObject({ elapsed: 243, total: 365, text: '243/365 = 66.58%' });
    expect(yearProgress('2020-12-31').value).toBe(1);
    expect(yearProgress('2021-01-01').value).toBeCloseTo(1 / 365, 12);
    const march = periodFromKey('2021-03');
    expect(scheduleProgress('2021-03-15', march)).toMatchObject({ elapsed: 15, total: 31 });
    expect(scheduleProgress('2021-02-01', march).value).toBe(0);
    expect(scheduleProgress('2021-05-01', march).value).toBe(1);
  });

  it('by months: Jan–Aug is 8/12 = 66.67%', () => {
    const p = monthsProgress(8);
    expect(p.value).toBeCloseTo(0.666667, 6);
    expect(p.text).toBe('8/12 = 66.67%');
    expect(() => monthsProgress(13)).toThrow(ScoringError);
  });

  it('by months at a date: a month counts once its last day is reached', () => {
    expect(monthsProgressAt('2021-08-31')).toMatchObject({ elapsed: 8, total: 12, unit: 'month', text: '8/12 = 66.67%' });
    expect(monthsProgressAt('2021-08-30')).toMatchObject({ elapsed: 7, text: '7/12 = 58.33%' });
    expect(monthsProgressAt('2021-01-15').value).toBe(0);
    expect(monthsProgressAt('2021-12-31').value).toBe(1);
    // February's last day in a leap year and in a common one.
    expect(monthsProgressAt('2020-02-29').elapsed).toBe(2);
    expect(monthsProgressAt('2021-02-28').elapsed).toBe(2);
  });

  it('on 2021-08-31 gives 8/12 = 66.67% by months and 243/365 = 66.58% by days', () => {
    expect(progressAt('2021-08-31', 'month')).toMatchObject({ value: 8 / 12, text: '8/12 = 66.67%' });
    expect(progressAt('2021-08-31', 'day')).toMatchObject({ value: 243 / 365, text: '243/365 = 66.58%' });
  });
});
