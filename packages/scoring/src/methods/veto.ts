/**
 * 一票否决 — a grave failure (a major accident, a disciplinary case …) caps the unit's result
 * grade whatever its score. The score itself is left unchanged, and the reason is shown.
 */
import { explanation, type Scored } from '../explain.js';
import { say } from '../language.js';
import { ScoringError } from '../errors.js';

/** The default grade a veto caps at (DOMAIN.md §2: not above 较差). */
export const DEFAULT_VETO_GRADE = '较差';

/** Configuration of a 一票否决 item. */
export interface VetoConfig {
  /** The best grade a vetoed unit can get; default 较差 (use e.g. 不达标 with a 达标 scale). */
  capGrade?: string;
}

/** A recorded veto event with its reason. */
export interface VetoEvent {
  reason: string;
  /** ISO date of the event, shown with the reason. */
  date?: string;
}

/** The events recorded against the unit. */
export interface VetoInputs {
  events: readonly VetoEvent[];
}

/** A ceiling on the result grade and why; consumed by `assignGrades`. */
export interface GradeCap {
  grade: string;
  reasons: string[];
}

/** A veto outcome: no points of its own, and a grade cap when any event was recorded. */
export interface VetoScored extends Scored {
  gradeCap: GradeCap | null;
}

/** The rule of a veto item in words. */
export function vetoRule(config: VetoConfig): string {
  const grade = config.capGrade ?? DEFAULT_VETO_GRADE;
  return say(`一票否决：出现否决事项的，结果等次不高于「${grade}」，得分不变`, `Veto: a unit with a veto event gets no better grade than "${grade}"; its score is unchanged`);
}

/** Applies 一票否决: 0 points (the item has none), and a grade cap with every reason if vetoed. */
export function scoreVeto(config: VetoConfig, inputs: VetoInputs): VetoScored {
  const grade = config.capGrade ?? DEFAULT_VETO_GRADE;
  if (grade.trim() === '') throw new ScoringError('INVALID_CONFIG', '一票否决的封顶等次不能为空');
  const reasons = inputs.events.map((e) => {
    const reason = e.reason.trim();
    if (reason === '') throw new ScoringError('INVALID_INPUT', '一票否决事项必须写明原因');
    return e.date ? `${e.date} ${reason}` : reason;
  });
  const rule = vetoRule(config);
  if (reasons.length === 0) {
    return { points: 0, gradeCap: null, explanation: explanation('veto', { events: 0 }, rule, [say('无否决事项，等次不受限', 'no veto event: the grade is not capped')], 0) };
  }
  return {
    points: 0,
    gradeCap: { grade, reasons },
    explanation: explanation(
      'veto',
      { events: reasons.length, capGrade: grade },
      rule,
      reasons.map((r) => say(`否决事项：${r}`, `veto event: ${r}`)).concat(say(`结果等次不高于「${grade}」，得分不变`, `the grade is no better than "${grade}"; the score is unchanged`)),
      0,
      [say(`一票否决：${reasons.join('；')}`, `veto: ${reasons.join('; ')}`)],
    ),
  };
}
