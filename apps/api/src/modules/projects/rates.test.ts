import { describe, expect, it } from 'vitest';
import { addTallies, monthEnd, ratesOf, scheduleAt, tallyProject, type ProjectFigures, type RateSettings } from './rates.js';

const MONTHLY: RateSettings = { paymentBasis: 'completedInvestment', progressBasis: 'month' };

/** Planned in March, started 15 March; by August 700 of a 1000 plan done, 600 of 800 allocated in place, 420 paid. */
const A: ProjectFigures = {
  plannedStart: '2021-03-01',
  annualPlan: 1000,
  fundsAllocated: 800,
  report: { month: '2021-08', completedInvestment: 700, fundsInPlace: 600, fundsPaid: 420, auditedAmount: 500, started: true, startedOn: '2021-03-15' },
};
/** Planned in June, nothing reported, nothing allocated yet. */
const B: ProjectFigures = { plannedStart: '2021-06-01', annualPlan: 500, fundsAllocated: 0, report: null };
/** Planned for October but started in July: ahead of plan. */
const C: ProjectFigures = {
  plannedStart: '2021-10-01',
  annualPlan: 200,
  fundsAllocated: 100,
  report: { month: '2021-07', completedInvestment: 50, fundsInPlace: 100, fundsPaid: 40, auditedAmount: null, started: true, startedOn: '2021-07-20' },
};

const ratesFor = (projects: ProjectFigures[], asOf: string, settings = MONTHLY) =>
  ratesOf(addTallies(projects.map((p) => tallyProject(p, asOf, settings.paymentBasis))), scheduleAt(asOf, settings.progressBasis), settings);

describe('时序进度 at the end of a month', () => {
  it('is months elapsed ÷ 12 by default, or days elapsed ÷ days in the year', () => {
    expect(scheduleAt('2021-08', 'month').value).toBeCloseTo(8 / 12, 12);
    expect(scheduleAt('2021-08', 'month').text).toBe('8/12 = 66.67%');
    // 2021-08-31 is day 243 of 365
    expect(scheduleAt('2021-08', 'day').value).toBeCloseTo(243 / 365, 12);
    expect(scheduleAt('2020-02', 'day').text).toBe('60/366 = 16.39%');
    expect(monthEnd('2021-02')).toBe('2021-02-28');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
  });
});

describe('one project, as of August (时序进度 8/12 = 66.67%)', () => {
  const r = ratesFor([A], '2021-08');

  it('开工率 1 ÷ 1 = 100%, against 100%: not lagging', () => {
    expect(r.startRate).toMatchObject({ value: 1, numerator: 1, denominator: 1, expected: 1, expectedBasis: 'plan', lag: 0, lagging: false });
  });

  it('资金到位率 600 ÷ 800 = 75%: 8.33 points ahead', () => {
    expect(r.fundsInPlaceRate.value).toBe(0.75);
    expect(r.fundsInPlaceRate.lag).toBeCloseTo(0.75 - 8 / 12, 9);
    expect(r.fundsInPlaceRate.lagging).toBe(false);
    expect(r.fundsInPlaceRate.explanation.steps).toEqual(['600 ÷ 800 = 75%', '75% − 时序进度 8/12 = 66.67% = +8.33 个百分点（快于时序进度）']);
  });

  it('资金支付率 420 ÷ 700 completed = 60%: 6.67 points behind', () => {
    expect(r.paymentRate.value).toBeCloseTo(0.6, 12);
    expect(r.paymentRate.denominator).toBe(700);
    expect(r.paymentRate.lag).toBeCloseTo(0.6 - 8 / 12, 9);
    expect(r.paymentRate.lagging).toBe(true);
    expect(r.paymentRate.explanation.rule).toBe('资金支付率 = 已支付资金 ÷ 完成投资');
    expect(r.paymentRate.explanation.steps[1]).toContain('−6.67 个百分点（落后于时序进度）');
  });

  it('投资完成率 700 ÷ 1000 = 70%: 3.33 points ahead', () => {
    expect(r.investmentCompletionRate.value).toBe(0.7);
    expect(r.investmentCompletionRate.lag).toBeCloseTo(0.7 - 8 / 12, 9);
    expect(r.investmentCompletionRate.lagging).toBe(false);
  });

  it('资金支付率 on the allocated basis: 420 ÷ 800 = 52.5%; on the audited basis: 420 ÷ 500 = 84%', () => {
    const allocated = ratesFor([A], '2021-08', { ...MONTHLY, paymentBasis: 'allocated' }).paymentRate;
    expect(allocated).toMatchObject({ value: 0.525, numerator: 420, denominator: 800, lagging: true });
    expect(allocated.explanation.rule).toBe('资金支付率 = 已支付资金 ÷ 下达资金');
    const audited = ratesFor([A], '2021-08', { ...MONTHLY, paymentBasis: 'audited' }).paymentRate;
    expect(audited).toMatchObject({ value: 0.84, numerator: 420, denominator: 500, lagging: false });
  });

  it('by days, 投资完成率 70% is 3.42 points ahead of 243/365 = 66.58%', () => {
    const days = ratesFor([A], '2021-08', { ...MONTHLY, progressBasis: 'day' }).investmentCompletionRate;
    expect(days.expected).toBeCloseTo(243 / 365, 12);
    expect(days.explanation.steps[1]).toBe('70% − 时序进度 243/365 = 66.58% = +3.42 个百分点（快于时序进度）');
  });

  it('exactly on pace (8 of 12 by August) is not lagging', () => {
    const onPace = ratesFor([{ ...A, annualPlan: 12, report: { ...A.report!, completedInvestment: 8 } }], '2021-08');
    expect(onPace.investmentCompletionRate.lag).toBe(0);
    expect(onPace.investmentCompletionRate.lagging).toBe(false);
  });
});

describe('division by zero: not applicable, never 0% or 100%, never lagging', () => {
  it('nothing allocated, nothing completed: 资金到位率 and 资金支付率 are null', () => {
    const r = ratesFor([B], '2021-08');
    expect(r.fundsInPlaceRate).toMatchObject({ value: null, lag: null, lagging: false, denominator: 0 });
    expect(r.paymentRate).toMatchObject({ value: null, lag: null, lagging: false });
    expect(r.fundsInPlaceRate.explanation.notes).toContain('分母为 0，比率不适用：不计为 0%，也不判为落后 / the denominator is 0: not applicable, not lagging');
    // The annual plan is there and nothing was reported: 0%, behind, and the note says why.
    expect(r.investmentCompletionRate).toMatchObject({ value: 0, lagging: true });
    expect(r.investmentCompletionRate.explanation.notes?.[0]).toContain('1 个项目截至该月未报送，按 0 计');
    // Due in June, no report: 0 of 1 started.
    expect(r.startRate).toMatchObject({ value: 0, numerator: 0, denominator: 1, lag: -1, lagging: true });
  });

  it('no project due to start yet: 开工率 is null in January', () => {
    expect(ratesFor([A, B], '2021-01').startRate).toMatchObject({ value: null, denominator: 0, lagging: false });
  });

  it('an annual plan of 0 gives a null 投资完成率', () => {
    expect(ratesFor([{ ...A, annualPlan: 0 }], '2021-08').investmentCompletionRate.value).toBeNull();
  });
});

describe("a unit's rates are sums over its projects, not a mean of rates", () => {
  it('A + B as of August', () => {
    const r = ratesFor([A, B], '2021-08');
    expect(r.startRate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, lagging: true });
    expect(r.fundsInPlaceRate).toMatchObject({ value: 0.75, numerator: 600, denominator: 800 });
    expect(r.paymentRate.value).toBeCloseTo(0.6, 12);
    // 700 ÷ (1000 + 500) = 46.67%, 20 points behind 66.67%
    expect(r.investmentCompletionRate.value).toBeCloseTo(700 / 1500, 12);
    expect(r.investmentCompletionRate.lag).toBeCloseTo(700 / 1500 - 8 / 12, 9);
    expect(r.investmentCompletionRate.lagging).toBe(true);
  });

  it('a project started ahead of plan is not in 开工率 and is noted', () => {
    const r = ratesFor([A, C], '2021-08');
    expect(r.startRate).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(r.startRate.explanation.notes).toContain('另有 1 个项目提前开工（未到计划开工日期），不计入开工率');
  });

  it('on the audited basis, a project without an audited amount is left out of 资金支付率 (both sides)', () => {
    const r = ratesFor([A, C], '2021-08', { ...MONTHLY, paymentBasis: 'audited' });
    expect(r.paymentRate).toMatchObject({ value: 0.84, numerator: 420, denominator: 500 });
    expect(r.paymentRate.explanation.notes).toContain('1 个项目未填报审定金额，不计入资金支付率 / no audited amount: left out');
  });

  it('a start date after the as-of month does not count yet', () => {
    const late: ProjectFigures = { ...A, report: { ...A.report!, startedOn: '2021-09-02' } };
    expect(ratesFor([late], '2021-08').startRate).toMatchObject({ value: 0, lagging: true });
  });
});
