/**
 * 扣分 — start from P and subtract the penalties of recorded events (accidents, criticism
 * from above …); the score never goes below 0.
 */
import { requireCount, requireNonNegative, requirePoints } from '../checks.js';
import { ScoringError } from '../errors.js';
import { explanation, fmt, type Scored } from '../explain.js';
import { say } from '../language.js';

/** A kind of event and what each occurrence costs (a positive number of points). */
export interface PenaltyRule {
  kind: string;
  label: string;
  perEvent: number;
}

/** Published examples (DOMAIN.md §2): −0.5 per 较大 accident, −2 per criticism from above. */
export const EXAMPLE_PENALTY_RULES: readonly PenaltyRule[] = [
  { kind: 'major-accident', label: '较大安全事故', perEvent: 0.5 },
  { kind: 'criticism', label: '上级通报批评', perEvent: 2 },
];

/** Configuration of a 扣分 indicator. */
export interface DeductConfig {
  points: number;
  /** Known kinds of events and their penalty per occurrence. */
  rules?: readonly PenaltyRule[];
}

/**
 * A recorded event: a kind from the rules, or any kind with an explicit `penalty` (which
 * overrides the rule). `count` occurrences, default 1.
 */
export interface PenaltyEvent {
  kind: string;
  count?: number;
  penalty?: number;
  note?: string;
}

/** The events recorded against the unit in the period. */
export interface DeductInputs {
  events: readonly PenaltyEvent[];
}

/** Throws if a deduct configuration cannot be scored. */
export function checkDeductConfig(config: DeductConfig): void {
  requirePoints(config.points);
  const seen = new Set<string>();
  for (const r of config.rules ?? []) {
    if (seen.has(r.kind)) throw new ScoringError('INVALID_CONFIG', `扣分事项「${r.kind}」重复定义`);
    seen.add(r.kind);
    requireNonNegative(`扣分事项「${r.label}」的每次扣分`, r.perEvent, 'INVALID_CONFIG');
  }
}

/** The rule of a deduct indicator in words. */
export function deductRule(config: DeductConfig): string {
  const list = config.rules ?? [];
  const zh = list.map((r) => `${r.label}每次扣 ${fmt(r.perEvent)} 分`).join('，');
  const en = list.map((r) => `${r.label} −${fmt(r.perEvent)} each`).join(', ');
  return say(`扣分：P − Σ 扣分事项，最低 0 分${zh ? `（${zh}）` : ''}`, `Deductions: P − Σ penalties, not below 0${en ? ` (${en})` : ''}`);
}

/** Scores a 扣分 indicator: max(0, P − Σ penalty × count). */
export function scoreDeduct(config: DeductConfig, inputs: DeductInputs): Scored {
  checkDeductConfig(config);
  const P = config.points;
  const rules = new Map((config.rules ?? []).map((r) => [r.kind, r]));
  const steps: string[] = [];
  const counts: Record<string, number> = {};
  const terms: string[] = [];
  let total = 0;
  for (const event of inputs.events) {
    const rule = rules.get(event.kind);
    const count = requireCount(`「${event.kind}」的次数`, event.count ?? 1);
    const per = event.penalty ?? rule?.perEvent;
    if (per === undefined) {
      throw new ScoringError('INVALID_INPUT', `未知的扣分事项「${event.kind}」，且未给出扣分值`);
    }
    requireNonNegative(`「${event.kind}」的扣分`, per);
    const label = rule?.label ?? event.kind;
    const amount = per * count;
    total += amount;
    counts[label] = (counts[label] ?? 0) + count;
    terms.push(fmt(amount));
    steps.push(
      say(
        `${label}${event.note ? `（${event.note}）` : ''}：${count} 次 × ${fmt(per)} = ${fmt(amount)}`,
        `${label}${event.note ? ` (${event.note})` : ''}: ${count} × ${fmt(per)} = ${fmt(amount)}`,
      ),
    );
  }
  const points = Math.max(0, P - total);
  const notes: string[] = [];
  if (inputs.events.length === 0) steps.push(say('无扣分事项', 'no deductions'));
  steps.push(`${fmt(P)} − ${terms.length > 1 ? `(${terms.join(' + ')})` : fmt(total)} = ${fmt(P - total)}${P - total < 0 ? ' → 0' : ''}`);
  if (P - total < 0) notes.push(say(`扣分合计 ${fmt(total)} 超过分值 ${fmt(P)}，按 0 分计（不计负分）`, `deductions of ${fmt(total)} exceed the points ${fmt(P)}: 0 points (no negative scores)`));
  return {
    points,
    explanation: explanation('deduct', { P, deducted: total, ...counts }, deductRule(config), steps, points, notes),
  };
}
