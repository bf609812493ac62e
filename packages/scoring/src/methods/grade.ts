/**
 * 定性评价 — an assessor picks a grade (优/良/中/差) and the indicator earns that grade's
 * share of P. Used where a number cannot capture the work, e.g. leader evaluation.
 */
import { isMissing, requireInRange, requirePoints } from '../checks.js';
import { ScoringError } from '../errors.js';
import { explanation, fmt, type Scored } from '../explain.js';
import { say } from '../language.js';

/** Default shares of P by grade (DOMAIN.md §2). */
export const DEFAULT_GRADE_SHARES: Readonly<Record<string, number>> = { 优: 1, 良: 0.85, 中: 0.7, 差: 0.5 };

/** Configuration of a 定性评价 indicator. */
export interface GradeConfig {
  points: number;
  /** Share of P per grade, best first; default 优 1.0, 良 0.85, 中 0.7, 差 0.5. */
  shares?: Readonly<Record<string, number>>;
}

/** The grade the assessor chose; `null` when not yet assessed. */
export interface GradeInputs {
  grade: string | null | undefined;
}

/** Throws if a grade configuration cannot be scored. */
export function checkGradeConfig(config: GradeConfig): void {
  requirePoints(config.points);
  const shares = Object.entries(config.shares ?? DEFAULT_GRADE_SHARES);
  if (shares.length === 0) throw new ScoringError('INVALID_CONFIG', '定性评价至少需要一个等次');
  for (const [grade, share] of shares) requireInRange(`等次「${grade}」的系数`, share, 0, 1);
}

/** The rule of a grade indicator in words. */
export function gradeRule(config: GradeConfig): string {
  const shares = Object.entries(config.shares ?? DEFAULT_GRADE_SHARES)
    .map(([g, s]) => `${g} ${fmt(s)}`)
    .join(say('、', ', '));
  return say(`定性评价：P × 等次系数（${shares}）`, `Graded: P × the grade's share (${shares})`);
}

/** Scores a 定性评价 indicator: P × the chosen grade's share; an unknown grade is an error. */
export function scoreGrade(config: GradeConfig, inputs: GradeInputs): Scored {
  checkGradeConfig(config);
  const shares = config.shares ?? DEFAULT_GRADE_SHARES;
  const P = config.points;
  const rule = gradeRule(config);
  const grade = isMissing(inputs.grade) ? null : inputs.grade.trim();
  if (grade === null || grade === '') {
    return {
      points: 0,
      missing: ['grade'],
      explanation: explanation('grade', { P, grade: null }, rule, [say('尚未评价，得 0 分', 'not yet graded: 0 points')], 0, [say('未给出评价等次，按 0 分计', 'no grade given: 0 points')]),
    };
  }
  if (!Object.hasOwn(shares, grade)) {
    throw new ScoringError('INVALID_INPUT', `未知的评价等次「${grade}」，可选：${Object.keys(shares).join('、')}`);
  }
  const share = shares[grade] ?? 0;
  const points = P * share;
  const calc = `${fmt(P)} × ${fmt(share)} = ${fmt(points)}`;
  return {
    points,
    explanation: explanation('grade', { P, grade, share }, rule, [say(`评价「${grade}」：${calc}`, `grade "${grade}": ${calc}`)], points),
  };
}
