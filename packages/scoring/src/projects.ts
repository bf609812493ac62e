/**
 * Major-project rates (重大项目, DOMAIN.md §4): 开工率, 资金到位率, 资金支付率 and 投资完成率,
 * which Hengyang tracks for central-budget, special-bond and key projects, and the published
 * Yan'an 2017 progress score.
 */
import { requireNonNegative } from './checks.js';
import { ScoringError } from './errors.js';
import { explanation, fmt, fmtPct, type Explanation, type Scored } from './explain.js';
import { scoreRatio } from './methods/ratio.js';

/** A rate as a share (0.85 = 85%), or null when its denominator is 0. */
export interface RateResult {
  value: number | null;
  explanation: Explanation;
}

function rate(method: string, rule: string, numerator: [string, number], denominator: [string, number]): RateResult {
  const [numName, num] = numerator;
  const [denName, den] = denominator;
  requireNonNegative(numName, num);
  requireNonNegative(denName, den);
  const inputs = { [numName]: num, [denName]: den };
  if (den === 0) {
    return { value: null, explanation: explanation(method, inputs, rule, [`${denName}为 0，无法计算`], 0, [`${denName}为 0，比率不适用`]) };
  }
  const value = num / den;
  return { value, explanation: explanation(method, inputs, rule, [`${fmt(num)} ÷ ${fmt(den)} = ${fmtPct(value)}`], value) };
}

/** 开工率 = projects started ÷ projects planned to start by the date. */
export function startRate(started: number, plannedToStart: number): RateResult {
  return rate('start-rate', '开工率 = 已开工项目数 ÷ 计划开工项目数', ['已开工项目数', started], ['计划开工项目数', plannedToStart]);
}

/** 资金到位率 = funds in place ÷ funds allocated. */
export function fundsInPlaceRate(inPlace: number, allocated: number): RateResult {
  return rate('funds-in-place-rate', '资金到位率 = 到位资金 ÷ 下达资金', ['到位资金', inPlace], ['下达资金', allocated]);
}

/** What 资金支付率 divides by: completed investment by default; some schemes use allocated or audited amounts. */
export type PaymentBasis = 'completedInvestment' | 'allocated' | 'audited';

/** Chinese names of the payment-rate denominators. */
export const PAYMENT_BASIS_LABELS: Readonly<Record<PaymentBasis, string>> = {
  completedInvestment: '完成投资',
  allocated: '下达资金',
  audited: '审定金额',
};

/** Amounts for 资金支付率; only the one named by the basis is needed. */
export interface PaymentAmounts {
  paid: number;
  completedInvestment?: number;
  allocated?: number;
  audited?: number;
}

/** 资金支付率 = funds paid ÷ the configured denominator (default completed investment). */
export function paymentRate(amounts: PaymentAmounts, basis: PaymentBasis = 'completedInvestment'): RateResult {
  const den = amounts[basis];
  const label = PAYMENT_BASIS_LABELS[basis];
  if (den === undefined) throw new ScoringError('INVALID_INPUT', `资金支付率按「${label}」计算，但未提供${label}`);
  return rate('payment-rate', `资金支付率 = 已支付资金 ÷ ${label}`, ['已支付资金', amounts.paid], [label, den]);
}

/** 投资完成率 = investment completed this year ÷ the annual plan. */
export function investmentCompletionRate(completed: number, annualPlan: number): RateResult {
  return rate('investment-completion-rate', '投资完成率 = 本年完成投资 ÷ 年度计划投资', ['本年完成投资', completed], ['年度计划投资', annualPlan]);
}

/** Options of the project progress score. */
export interface ProjectProgressOptions {
  /** Points of the progress item; Yan'an 2017 used 60. */
  points?: number;
  /** Highest completion that still earns points; default 1.0. */
  cap?: number;
}

/**
 * Project progress points as published by Yan'an (2017): 60 × completed ÷ annual plan, capped
 * at full completion unless a cap above 1 is configured.
 */
export function projectProgressPoints(completed: number, annualPlan: number, options: ProjectProgressOptions = {}): Scored {
  const points = options.points ?? 60;
  requireNonNegative('年度计划投资', annualPlan);
  requireNonNegative('本年完成投资', completed);
  const scored = scoreRatio({ points, ...(options.cap === undefined ? {} : { cap: options.cap }) }, { actual: completed, target: annualPlan });
  return {
    ...scored,
    explanation: {
      ...scored.explanation,
      method: 'project-progress',
      rule: `项目进度得分 = ${fmt(points)} × 本年完成投资 ÷ 年度计划投资（完成率不超过 ${fmtPct(options.cap ?? 1)}）`,
    },
  };
}
