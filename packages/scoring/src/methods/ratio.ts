/**
 * 完成率计分 — the commonest method: points in proportion to how much of the target was met,
 * capped (1.0 by default, 1.2 where a scheme rewards over-completion).
 */
import { clamp, isMissing, requireFinite, requireInRange, requirePoints } from '../checks.js';
import { ScoringError } from '../errors.js';
import { directionText, explanation, fmt, fmtFactor, fmtPct, type Direction, type Scored } from '../explain.js';
import { say } from '../language.js';

/** Configuration of a 完成率 indicator. */
export interface RatioConfig {
  /** P, the indicator's points. */
  points: number;
  /** Higher-is-better scores actual/target, lower-is-better target/actual. Default higher. */
  direction?: Direction;
  /** Highest completion that still earns points; default 1.0, at most 10. */
  cap?: number;
  /** Completion below this share scores 0 (e.g. 0.6); default none. */
  zeroBelow?: number | null;
}

/** The reported value and the unit's target; `null` when not reported. */
export interface RatioInputs {
  actual: number | null | undefined;
  target: number | null | undefined;
}

/**
 * A completion rate that is always a finite number ≥ its sensible floor, with the expression
 * that produced it (for the steps) and a note when an edge case (target or actual 0) decided it.
 */
export interface Completion {
  /** The rate; `Number.MAX_VALUE` stands for "better than any finite rate" (lower-is-better, actual ≤ 0). */
  rate: number;
  /** How the rate is written in the steps: "85/100", or "1" when an edge case fixed it. */
  expr: string;
  note?: string;
}

/** Default cap of the completion rate. */
export const DEFAULT_RATIO_CAP = 1;

/**
 * Completion rate of `actual` against `target`, never NaN or Infinity. Targets must be ≥ 0
 * (a negative target has no meaningful ratio: use bands or a formula). Edge cases:
 * higher-is-better with target 0 counts as met (rate 1) when actual ≥ 0; lower-is-better with
 * actual ≤ 0 beats any positive target (rate unbounded, so the cap applies); target 0 and
 * actual 0 counts as exactly met.
 */
export function completionRate(actual: number, target: number, direction: Direction = 'higher'): Completion {
  requireFinite('实际值', actual);
  requireFinite('目标值', target);
  if (target < 0) {
    throw new ScoringError('INVALID_INPUT', `完成率计分要求目标值不小于 0，收到 ${target}；负值目标请改用分档或公式计分`);
  }
  const unbounded = (expr: string, note: string): Completion => ({ rate: Number.MAX_VALUE, expr, note });
  const finite = (rate: number, expr: string, note?: string): Completion => {
    if (rate === Number.POSITIVE_INFINITY) return unbounded('∞', say('完成率超出可表示范围，按无穷大计（受上限约束）', 'the completion rate is too large to represent: taken as infinite (the cap applies)'));
    if (rate === Number.NEGATIVE_INFINITY) return { rate: -Number.MAX_VALUE, expr: '−∞', note: say('完成率为负且超出可表示范围，按 0 计', 'the completion rate is negative beyond what can be represented: taken as 0') };
    return note === undefined ? { rate, expr } : { rate, expr, note };
  };
  if (direction === 'higher') {
    if (target > 0) return finite(actual / target, `${fmt(actual)}/${fmt(target)}`);
    return actual >= 0
      ? finite(1, '1', say('目标为 0：实际不低于 0 即视为完成，完成率按 100% 计', 'target 0: an actual of 0 or more counts as met, completion 100%'))
      : finite(0, '0', say('目标为 0 而实际为负：完成率按 0 计', 'target 0 and a negative actual: completion 0'));
  }
  if (actual > 0) {
    return target > 0
      ? finite(target / actual, `${fmt(target)}/${fmt(actual)}`)
      : finite(0, '0', say('目标为 0 而实际大于 0（越低越好）：完成率按 0 计', 'target 0 and an actual above 0 (lower is better): completion 0'));
  }
  if (target === 0 && actual === 0) return finite(1, '1', say('目标与实际均为 0（越低越好）：视为恰好完成，完成率按 100% 计', 'target and actual both 0 (lower is better): exactly met, completion 100%'));
  return unbounded(
    '∞',
    say(`实际为 ${fmt(actual)}，优于目标 ${fmt(target)}（越低越好）：完成率视为无穷大，按上限计`, `the actual ${fmt(actual)} beats the target ${fmt(target)} (lower is better): completion taken as infinite, the cap applies`),
  );
}

/** "完成率 = 85/100 = 85%": the step every completion-based method starts with. */
export const completionStep = (c: Completion): string => `${say('完成率', 'completion')} = ${c.expr}${c.expr.includes('/') ? ` = ${fmtPct(c.rate)}` : ''}`;

/** Throws if a ratio configuration cannot be scored; used by scheme validation too. */
export function checkRatioConfig(config: RatioConfig): void {
  requirePoints(config.points);
  requireInRange('完成率上限', config.cap ?? DEFAULT_RATIO_CAP, 1, 10);
  if (!isMissing(config.zeroBelow)) requireInRange('不得分阈值', config.zeroBelow, 0, config.cap ?? DEFAULT_RATIO_CAP);
}

/** The rule of a ratio indicator in words. */
export function ratioRule(config: RatioConfig): string {
  const dir = config.direction ?? 'higher';
  const base =
    dir === 'higher'
      ? say('完成率计分：P × min(实际/目标, 上限)', 'Completion ratio: P × min(actual/target, cap)')
      : say('完成率计分（越低越好）：P × min(目标/实际, 上限)', 'Completion ratio (lower is better): P × min(target/actual, cap)');
  return isMissing(config.zeroBelow) ? base : `${base}${say(`；完成率低于 ${fmtPct(config.zeroBelow)} 不得分`, `; no points below ${fmtPct(config.zeroBelow)} completion`)}`;
}

/** Scores a 完成率 indicator: P × clamp(completion, 0, cap), 0 below the optional threshold. */
export function scoreRatio(config: RatioConfig, inputs: RatioInputs): Scored {
  checkRatioConfig(config);
  const P = config.points;
  const cap = config.cap ?? DEFAULT_RATIO_CAP;
  const direction = config.direction ?? 'higher';
  const rule = ratioRule(config);
  const baseInputs = {
    P,
    actual: inputs.actual ?? null,
    target: inputs.target ?? null,
    cap,
    direction: directionText(direction),
  };
  const missing = [
    ...(isMissing(inputs.actual) ? ['actual'] : []),
    ...(isMissing(inputs.target) ? ['target'] : []),
  ];
  if (isMissing(inputs.actual) || isMissing(inputs.target)) {
    return {
      points: 0,
      missing,
      explanation: explanation('ratio', baseInputs, rule, [say('缺少数据，得 0 分', 'data missing: 0 points')], 0, [
        say(
          `未报送${missing.map((m) => (m === 'actual' ? '实际值' : '目标值')).join('、')}，按 0 分计`,
          `${missing.map((m) => (m === 'actual' ? 'the actual value' : 'the target')).join(' and ')} not reported: 0 points`,
        ),
      ]),
    };
  }
  const c = completionRate(inputs.actual, inputs.target, direction);
  const notes = c.note ? [c.note] : [];
  const steps = [completionStep(c)];
  let points: number;
  if (!isMissing(config.zeroBelow) && c.rate < config.zeroBelow) {
    points = 0;
    steps.push(say(`完成率 ${fmtPct(c.rate)} < ${fmtPct(config.zeroBelow)}，不得分：0`, `completion ${fmtPct(c.rate)} < ${fmtPct(config.zeroBelow)}: no points, 0`));
    notes.push(say(`完成率低于 ${fmtPct(config.zeroBelow)}，按规则不得分`, `completion below ${fmtPct(config.zeroBelow)}: no points by the rule`));
  } else {
    const share = clamp(c.rate, 0, cap);
    points = P * share;
    const inner = `min(${c.expr}, ${fmtFactor(cap)})`;
    steps.push(`${fmt(P)} × ${c.rate < 0 ? `max(0, ${inner})` : inner} = ${fmt(points)}`);
    if (c.rate > cap && c.rate !== Number.MAX_VALUE) notes.push(say(`完成率 ${fmtPct(c.rate)} 超过上限 ${fmtPct(cap)}，按上限计`, `completion ${fmtPct(c.rate)} is above the cap ${fmtPct(cap)}: the cap counts`));
    if (c.rate < 0) notes.push(say('完成率为负，按 0 计', 'a negative completion counts as 0'));
  }
  return { points, explanation: explanation('ratio', baseInputs, rule, steps, points, notes) };
}
