/**
 * 时序进度计分 — judges cumulative completion against the share of the year gone, so a unit
 * is not punished in August for not having finished its annual target, but is flagged when it
 * lags (落后于序时进度). DOMAIN.md §4.
 */
import { clamp, isMissing, requireInRange, requirePoints } from '../checks.js';
import { explanation, fmt, fmtPct, round2, type Scored } from '../explain.js';
import type { ProgressBasis, ScheduleProgress } from '../schedule.js';
import { say } from '../language.js';
import { completionRate, completionStep } from './ratio.js';

/** Configuration of a 时序进度 indicator. */
export interface ProgressConfig {
  points: number;
  /** How the caller counted 时序进度, named in the rule; absent in configurations made before bases existed. */
  basis?: ProgressBasis;
}

/** Cumulative actual, annual target and 时序进度 (a share in [0, 1], or one from schedule.ts). */
export interface ProgressInputs {
  actual: number | null | undefined;
  target: number | null | undefined;
  elapsed: number | ScheduleProgress | null | undefined;
}

/** Where a unit stands against 时序进度. */
export interface ProgressStatus {
  /** Cumulative actual ÷ annual target. */
  completion: number;
  /** 时序进度. */
  expected: number;
  /** completion − expected, as a share (0.0733 is 7.33 percentage points ahead). */
  lag: number;
  /** True when lag < 0 (落后于序时进度). */
  lagging: boolean;
  /** E.g. "74% − 66.67% = +7.33 个百分点（快于时序进度）". */
  text: string;
}

/** The rule of a progress indicator in words, in the language being written. */
export const progressRuleText = (): string =>
  say('时序进度计分：P × min(1, 完成率/时序进度)；完成率 = 累计完成 ÷ 年度目标', 'Against the schedule: P × min(1, completion/schedule); completion = cumulative actual ÷ annual target');

const basisText = (basis: ProgressBasis): string =>
  basis === 'month'
    ? say('时序进度按月计（已过月数 ÷ 12）', 'the schedule counted by months (months ended ÷ 12)')
    : say('时序进度按日计（已过天数 ÷ 全年天数）', 'the schedule counted by days (days gone ÷ days in the year)');

/** The rule of a progress indicator, naming how 时序进度 is counted when the configuration says. */
export function progressRule(config: ProgressConfig = { points: 0 }): string {
  return config.basis ? `${progressRuleText()}${say('；', '; ')}${basisText(config.basis)}` : progressRuleText();
}

/** "时序进度（按月）= 8/12 = 66.67%": the arithmetic with the basis it used. */
function scheduleStep(elapsed: number | ScheduleProgress, expected: number): string {
  if (typeof elapsed === 'number') return `${say('时序进度', 'schedule')} = ${fmtPct(expected)}`;
  return elapsed.unit === 'month' ? say(`时序进度（按月）= ${elapsed.text}`, `schedule (by months) = ${elapsed.text}`) : say(`时序进度（按日）= ${elapsed.text}`, `schedule (by days) = ${elapsed.text}`);
}

/** Compares completion with 时序进度: lag = completion − expected; lagging when lag < 0. */
export function progressStatus(completion: number, expected: number): ProgressStatus {
  const lag = completion - expected;
  const lagging = lag < 0;
  const points = round2(lag * 100);
  const verdict = lagging ? say('落后于时序进度', 'behind the schedule') : points === 0 ? say('与时序进度持平', 'level with the schedule') : say('快于时序进度', 'ahead of the schedule');
  const sign = points > 0 ? '+' : points < 0 ? '−' : '';
  const gap = `${fmtPct(completion)} − ${fmtPct(expected)} = ${sign}${fmt(Math.abs(points), 2)}`;
  return {
    completion,
    expected,
    lag,
    lagging,
    text: say(`${gap} 个百分点（${verdict}）`, `${gap} percentage points (${verdict})`),
  };
}

/** A scored progress indicator, with its status against 时序进度 when data was complete. */
export interface ProgressScored extends Scored {
  status: ProgressStatus | null;
}

/**
 * Scores a 时序进度 indicator: P × clamp(completion ÷ 时序进度, 0, 1). With 时序进度 0 nothing is
 * expected yet and the score is P.
 */
export function scoreProgress(config: ProgressConfig, inputs: ProgressInputs): ProgressScored {
  requirePoints(config.points);
  const P = config.points;
  const elapsed = inputs.elapsed;
  const expected = isMissing(elapsed) ? null : typeof elapsed === 'number' ? elapsed : elapsed.value;
  if (expected !== null) requireInRange('时序进度', expected, 0, 1, 'INVALID_INPUT');
  const baseInputs = { P, actual: inputs.actual ?? null, target: inputs.target ?? null, elapsed: expected };
  const rule = progressRule(config);
  const missing = [
    ...(isMissing(inputs.actual) ? ['actual'] : []),
    ...(isMissing(inputs.target) ? ['target'] : []),
    ...(expected === null ? ['elapsed'] : []),
  ];
  if (isMissing(inputs.actual) || isMissing(inputs.target) || expected === null) {
    return {
      points: 0,
      status: null,
      missing,
      explanation: explanation('progress', baseInputs, rule, [say('缺少数据，得 0 分', 'data missing: 0 points')], 0, [say('数据不全，按 0 分计', 'incomplete data: 0 points')]),
    };
  }
  const c = completionRate(inputs.actual, inputs.target, 'higher');
  const notes = c.note ? [c.note] : [];
  const status = progressStatus(c.rate, expected);
  const steps = [completionStep(c), scheduleStep(elapsed!, expected)];
  let points: number;
  if (expected === 0) {
    points = P;
    steps.push(say(`时序进度为 0，尚无进度要求：得 ${fmt(P)}`, `the schedule is at 0, nothing is expected yet: ${fmt(P)}`));
    notes.push(say('时序进度为 0（期间尚未开始），按满分计', 'the schedule is at 0 (the period has not begun): full points'));
  } else {
    points = P * clamp(c.rate / expected, 0, 1);
    steps.push(`${fmt(P)} × min(1, ${fmtPct(c.rate)} ÷ ${fmtPct(expected)}) = ${fmt(points)}`);
    if (c.rate < 0) notes.push(say('完成率为负，按 0 计', 'a negative completion counts as 0'));
  }
  steps.push(`${say('差距', 'gap')} = ${status.text}`);
  if (status.lagging) notes.push(say('落后于序时进度', 'behind the schedule'));
  return { points, status, explanation: explanation('progress', baseInputs, rule, steps, points, notes) };
}
