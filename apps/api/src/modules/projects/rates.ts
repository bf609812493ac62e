import {
  PAYMENT_BASIS_LABELS,
  daysInMonth,
  fmt,
  fmtPct,
  fundsInPlaceRate,
  investmentCompletionRate,
  monthsProgress,
  paymentRate,
  roundTo,
  startRate,
  yearProgress,
  type PaymentBasis,
  type RateResult,
  type ScheduleProgress,
} from '@kaoping/scoring';
import type { ProgressBasis, ProjectRateName, RateSet, RateView } from '@kaoping/shared';

/*
 * The project rates of DOMAIN.md §4 as of a month, for one project, a unit or the whole city, each
 * set against what is expected by then. Pure: figures in, rates and their arithmetic out.
 *
 * - 开工率 = started ÷ planned to start by the end of the month. Its denominator is already scoped
 *   to the date, so what is expected is 100% (every project due to start has started); a project
 *   started ahead of its plan is counted apart (startedAhead), not in the rate, which stays ≤ 100%.
 * - 资金到位率 = funds in place ÷ funds allocated;
 * - 资金支付率 = funds paid ÷ the configured basis (completed investment by default, or funds
 *   allocated, or the audited amount);
 * - 投资完成率 = investment completed this year ÷ the annual plan;
 *   these three are expected to keep pace with 时序进度 (months elapsed ÷ 12, or days ÷ days in the year).
 *
 * lag = rate − expected (a share; −0.05 is 5 percentage points behind); lagging when lag < 0.
 * A unit's or the city's rate is Σ numerators ÷ Σ denominators, never a mean of project rates.
 *
 * Division by zero: a rate whose denominator is 0 (no project due to start yet, nothing allocated,
 * no annual plan, no completed investment to pay against) is value null — "not applicable", shown as
 * such — never 0% (which would call the project lagging for something nobody asked of it) nor 100%.
 * A null rate has a null lag and is not lagging. A project with no report by the month counts with
 * zero figures (nothing reported is nothing done) and says so.
 */

export type { ProgressBasis };

export interface RateSettings {
  paymentBasis: PaymentBasis;
  progressBasis: ProgressBasis;
}

export const DEFAULT_RATE_SETTINGS: RateSettings = { paymentBasis: 'completedInvestment', progressBasis: 'month' };

/** A project's register figures and its latest report of the year up to the as-of month. */
export interface ProjectFigures {
  plannedStart: string;
  annualPlan: number;
  fundsAllocated: number;
  report: {
    month: string;
    completedInvestment: number;
    fundsInPlace: number;
    fundsPaid: number;
    auditedAmount: number | null;
    started: boolean;
    startedOn: string | null;
  } | null;
}

/** What the rates are computed from; sums of these give a unit's or the city's rates. */
export interface Tally {
  projects: number;
  /** Projects with a report by the as-of month. */
  reported: number;
  /** Projects planned to start by the end of the as-of month. */
  plannedToStart: number;
  /** Of those, the ones started by then. */
  started: number;
  /** Projects started before their planned start: not in 开工率. */
  startedAhead: number;
  completedInvestment: number;
  annualPlan: number;
  fundsInPlace: number;
  fundsAllocated: number;
  fundsPaid: number;
  /** Σ of the payment basis over the projects that count for 资金支付率. */
  paymentBase: number;
  /** Funds paid of the projects that count for 资金支付率. */
  paymentPaid: number;
  /** Projects left out of 资金支付率 on the audited basis for want of an audited amount. */
  paymentExcluded: number;
}

/** A rate as the API sends it (the explanation whole as @kaoping/scoring gives it), and the four of a tally. */
export type { RateSet, RateView };

/** The last day of a month "2021-08" → "2021-08-31". */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** 时序进度 at the end of the as-of month: months elapsed ÷ 12 (default) or days elapsed ÷ days in the year. */
export function scheduleAt(month: string, basis: ProgressBasis): ScheduleProgress {
  return basis === 'month' ? monthsProgress(Number(month.slice(5, 7))) : yearProgress(monthEnd(month));
}

export function emptyTally(): Tally {
  return {
    projects: 0,
    reported: 0,
    plannedToStart: 0,
    started: 0,
    startedAhead: 0,
    completedInvestment: 0,
    annualPlan: 0,
    fundsInPlace: 0,
    fundsAllocated: 0,
    fundsPaid: 0,
    paymentBase: 0,
    paymentPaid: 0,
    paymentExcluded: 0,
  };
}

/** One project's contribution to the rates as of the month. */
export function tallyProject(p: ProjectFigures, asOf: string, paymentBasis: PaymentBasis): Tally {
  const end = monthEnd(asOf);
  const r = p.report;
  const planned = p.plannedStart <= end;
  const started = !!r && r.started && r.startedOn !== null && r.startedOn <= end;
  const completed = r?.completedInvestment ?? 0;
  const paid = r?.fundsPaid ?? 0;
  const base = paymentBasis === 'completedInvestment' ? completed : paymentBasis === 'allocated' ? p.fundsAllocated : (r?.auditedAmount ?? null);
  return {
    projects: 1,
    reported: r ? 1 : 0,
    plannedToStart: planned ? 1 : 0,
    started: planned && started ? 1 : 0,
    startedAhead: !planned && started ? 1 : 0,
    completedInvestment: completed,
    annualPlan: p.annualPlan,
    fundsInPlace: r?.fundsInPlace ?? 0,
    fundsAllocated: p.fundsAllocated,
    fundsPaid: paid,
    paymentBase: base ?? 0,
    paymentPaid: base === null ? 0 : paid,
    paymentExcluded: base === null ? 1 : 0,
  };
}

export function addTallies(tallies: Tally[]): Tally {
  const sum = emptyTally();
  for (const t of tallies) for (const k of Object.keys(sum) as (keyof Tally)[]) sum[k] += t[k];
  return sum;
}

/** Rounds away the float noise of sums (0.1 + 0.2) so an on-pace rate is not called lagging. */
const clean = (x: number) => roundTo(x, 10);

function view(r: RateResult, numerator: number, denominator: number, expected: number, expectedBasis: RateView['expectedBasis'], expectedText: string, extraNotes: string[]): RateView {
  const steps = [...r.explanation.steps];
  const notes = [...(r.explanation.notes ?? []), ...extraNotes];
  let lag: number | null = null;
  let lagging = false;
  if (r.value === null) {
    notes.push('分母为 0，比率不适用：不计为 0%，也不判为落后 / the denominator is 0: not applicable, not lagging');
  } else {
    lag = clean(r.value - expected);
    lagging = lag < 0;
    const points = roundTo(lag * 100, 2);
    const sign = points > 0 ? '+' : points < 0 ? '−' : '';
    const verdict = lagging ? (expectedBasis === 'plan' ? '有计划开工项目未开工' : '落后于时序进度') : points === 0 ? (expectedBasis === 'plan' ? '计划开工项目均已开工' : '与时序进度持平') : '快于时序进度';
    steps.push(`${fmtPct(r.value)} − ${expectedText} = ${sign}${fmt(Math.abs(points), 2)} 个百分点（${verdict}）`);
  }
  return {
    value: r.value,
    numerator,
    denominator,
    expected,
    expectedBasis,
    lag,
    lagging,
    explanation: { ...r.explanation, steps, ...(notes.length ? { notes } : {}) },
  };
}

/** The four rates of a tally (one project's, a unit's or the city's) against 时序进度. */
export function ratesOf(t: Tally, schedule: ScheduleProgress, settings: RateSettings): RateSet {
  const sched = `时序进度 ${schedule.text}`;
  const unreported = t.projects - t.reported;
  const missing = unreported > 0 ? [`${unreported} 个项目截至该月未报送，按 0 计 / not reported by the month: counted as 0`] : [];
  const ahead = t.startedAhead > 0 ? [`另有 ${t.startedAhead} 个项目提前开工（未到计划开工日期），不计入开工率`] : [];
  const excluded =
    t.paymentExcluded > 0 ? [`${t.paymentExcluded} 个项目未填报${PAYMENT_BASIS_LABELS.audited}，不计入资金支付率 / no audited amount: left out`] : [];
  const basisNote = [`资金支付率分母：${PAYMENT_BASIS_LABELS[settings.paymentBasis]}（可在项目设置中更改）`];
  return {
    startRate: view(startRate(t.started, t.plannedToStart), t.started, t.plannedToStart, 1, 'plan', '100%（计划开工项目应全部开工）', [...missing, ...ahead]),
    fundsInPlaceRate: view(fundsInPlaceRate(clean(t.fundsInPlace), clean(t.fundsAllocated)), clean(t.fundsInPlace), clean(t.fundsAllocated), schedule.value, 'schedule', sched, missing),
    paymentRate: view(
      paymentRate({ paid: clean(t.paymentPaid), [settings.paymentBasis]: clean(t.paymentBase) }, settings.paymentBasis),
      clean(t.paymentPaid),
      clean(t.paymentBase),
      schedule.value,
      'schedule',
      sched,
      [...basisNote, ...missing, ...excluded],
    ),
    investmentCompletionRate: view(
      investmentCompletionRate(clean(t.completedInvestment), clean(t.annualPlan)),
      clean(t.completedInvestment),
      clean(t.annualPlan),
      schedule.value,
      'schedule',
      sched,
      missing,
    ),
  };
}

/** The rates that are behind what is expected, by name. */
export const laggingRates = (rates: RateSet): ProjectRateName[] => (Object.keys(rates) as ProjectRateName[]).filter((k) => rates[k].lagging);
