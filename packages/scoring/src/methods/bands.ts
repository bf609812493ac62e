/**
 * 分档计分 — a table of half-open ranges [from, to) each worth fixed points or a share of P,
 * for indicators scored by level reached rather than in proportion.
 */
import { isMissing, requireFinite, requirePoints } from '../checks.js';
import { ScoringError } from '../errors.js';
import { explanation, fmt, fmtPct, type Direction, type Scored } from '../explain.js';
import { say } from '../language.js';
import { completionRate, completionStep } from './ratio.js';

/** One band: values v with from ≤ v < to; an absent bound is open (−∞ or +∞). */
export interface Band {
  from?: number | null;
  to?: number | null;
  /** Fixed points for this band, in [0, P]; give either points or share. */
  points?: number;
  /** Share of P for this band, in [0, 1]; give either points or share. */
  share?: number;
  /** Optional name of the band shown in the explanation, e.g. "达标". */
  label?: string;
}

/** Configuration of a 分档 indicator. */
export interface BandsConfig {
  points: number;
  bands: readonly Band[];
  /** What is banded: the reported value itself (default) or its completion rate against the target. */
  measure?: 'actual' | 'completion';
  /** Direction of the completion rate when measure is completion; default higher. */
  direction?: Direction;
}

/** Inputs of a 分档 indicator; the target is needed only when the measure is completion. */
export interface BandsInputs {
  actual: number | null | undefined;
  target?: number | null | undefined;
}

const lower = (b: Band): number => (isMissing(b.from) ? -Infinity : b.from);
const upper = (b: Band): number => (isMissing(b.to) ? Infinity : b.to);

/** How a band reads: "[80%, 90%)" for completion, "[80, 90)" for values. */
function bandText(b: Band, measure: 'actual' | 'completion'): string {
  const show = (v: number): string => (measure === 'completion' ? fmtPct(v) : fmt(v));
  const from = isMissing(b.from) ? '−∞' : show(b.from);
  const to = isMissing(b.to) ? '+∞' : show(b.to);
  return `[${from}, ${to})${b.label ? `「${b.label}」` : ''}`;
}

/** Problems that make a band table unusable: overlaps, empty ranges, points outside [0, P]. */
export function validateBands(config: BandsConfig): string[] {
  const issues: string[] = [];
  if (config.bands.length === 0) issues.push('分档表不能为空');
  config.bands.forEach((b, i) => {
    const name = `第 ${i + 1} 档`;
    for (const [k, v] of [
      ['下限', b.from],
      ['上限', b.to],
      ['分值', b.points],
      ['系数', b.share],
    ] as const) {
      if (!isMissing(v) && !Number.isFinite(v)) issues.push(`${name}的${k}必须是有限数值`);
    }
    if (isMissing(b.points) === isMissing(b.share)) issues.push(`${name}须且只须给出分值（points）或系数（share）之一`);
    if (!isMissing(b.points) && (b.points < 0 || b.points > config.points)) issues.push(`${name}的分值应在 0 到 ${config.points} 之间`);
    if (!isMissing(b.share) && (b.share < 0 || b.share > 1)) issues.push(`${name}的系数应在 0 到 1 之间`);
    if (lower(b) >= upper(b)) issues.push(`${name}的下限必须小于上限`);
  });
  const sorted = [...config.bands].sort((a, b) => lower(a) - lower(b));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && upper(prev) > lower(cur)) issues.push(`分档 ${bandText(prev, 'actual')} 与 ${bandText(cur, 'actual')} 重叠`);
  }
  return issues;
}

/** Throws if a bands configuration cannot be scored. */
export function checkBandsConfig(config: BandsConfig): void {
  requirePoints(config.points);
  const issues = validateBands(config);
  if (issues.length > 0) throw new ScoringError('INVALID_CONFIG', issues.join('；'));
}

/** The rule of a bands indicator in words. */
export function bandsRule(config: BandsConfig): string {
  const measure = config.measure ?? 'actual';
  const table = config.bands
    .map((b) => `${bandText(b, measure)} → ${isMissing(b.points) ? `${fmt(b.share ?? 0)}P` : say(`${fmt(b.points)} 分`, `${fmt(b.points)} points`)}`)
    .join(say('，', ', '));
  return say(
    `分档计分：按${measure === 'completion' ? '完成率' : '实际值'}所在区间 [下限, 上限) 取分（${table}）`,
    `Bands: the points of the band [from, to) the ${measure === 'completion' ? 'completion' : 'actual value'} falls in (${table})`,
  );
}

/** Scores a 分档 indicator: the points of the band the value falls in; 0 outside every band. */
export function scoreBands(config: BandsConfig, inputs: BandsInputs): Scored {
  checkBandsConfig(config);
  const measure = config.measure ?? 'actual';
  const P = config.points;
  const rule = bandsRule(config);
  const baseInputs = { P, actual: inputs.actual ?? null, ...(measure === 'completion' ? { target: inputs.target ?? null } : {}) };
  const missing = [
    ...(isMissing(inputs.actual) ? ['actual'] : []),
    ...(measure === 'completion' && isMissing(inputs.target) ? ['target'] : []),
  ];
  if (missing.length > 0 || isMissing(inputs.actual)) {
    return {
      points: 0,
      missing,
      explanation: explanation('bands', baseInputs, rule, [say('缺少数据，得 0 分', 'data missing: 0 points')], 0, [say('未报送数据，按 0 分计', 'no data reported: 0 points')]),
    };
  }
  const notes: string[] = [];
  const steps: string[] = [];
  let value = requireFinite('实际值', inputs.actual);
  if (measure === 'completion') {
    const c = completionRate(value, inputs.target ?? 0, config.direction ?? 'higher');
    value = c.rate;
    steps.push(completionStep(c));
    if (c.note) notes.push(c.note);
  }
  const shown = measure === 'completion' ? fmtPct(value) : fmt(value);
  const band = config.bands.find((b) => value >= lower(b) && value < upper(b));
  if (!band) {
    steps.push(say(`${shown} 不在任何分档内，得 0 分`, `${shown} is in no band: 0 points`));
    notes.push(say('数值不在分档表的任何区间内，按 0 分计', 'the value falls in no band of the table: 0 points'));
    return { points: 0, explanation: explanation('bands', baseInputs, rule, steps, 0, notes) };
  }
  const points = isMissing(band.points) ? P * (band.share ?? 0) : band.points;
  steps.push(say(`${shown} 落在 ${bandText(band, measure)} 档`, `${shown} falls in the band ${bandText(band, measure)}`));
  steps.push(isMissing(band.points) ? `${fmt(P)} × ${fmt(band.share ?? 0)} = ${fmt(points)}` : say(`该档得 ${fmt(points)} 分`, `the band gives ${fmt(points)} points`));
  return { points, explanation: explanation('bands', baseInputs, rule, steps, points, notes) };
}

