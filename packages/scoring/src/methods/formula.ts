/**
 * 公式计分 — for indicators no fixed method fits (growth over last year, composite rates …),
 * a scheme may give an arithmetic formula over the indicator's inputs. It is parsed and
 * evaluated by the safe expression language in ../expression, never by `eval`.
 */
import { clamp, isMissing, requireFinite, requireNonNegative, requirePoints } from '../checks.js';
import { ScoringError } from '../errors.js';
import { explanation, fmt, type InputValue, type Scored } from '../explain.js';
import type { FormulaNode } from '../expression/ast.js';
import { FormulaError } from '../expression/errors.js';
import { evaluateTree } from '../expression/evaluator.js';
import { parseFormula } from '../expression/parser.js';
import { substituteValues } from '../expression/substitute.js';
import { checkTree, namesInTree, validateFormula, type FormulaIssue } from '../expression/validate.js';
import { say } from '../language.js';
import type { ScheduleProgress } from '../schedule.js';

/** Names every formula may use, with their meaning. */
export const STANDARD_FORMULA_NAMES = {
  P: '本指标分值',
  actual: '实际值（累计）',
  target: '目标值',
  lastYear: '上年值（方案给定或数据来源单位填报，每单位一个）',
  elapsed: '时序进度（0–1）',
} as const;

/** A standard formula name. */
export type StandardFormulaName = keyof typeof STANDARD_FORMULA_NAMES;

/** Configuration of a 公式 indicator. */
export interface FormulaConfig {
  points: number;
  /** E.g. "P * clamp(actual / target, 0, 1)". */
  expression: string;
  /** Highest score; default P. The formula's result is kept within [0, max]. */
  max?: number;
}

/** The standard inputs, plus any other named values the formula reads. */
export interface FormulaInputs {
  actual?: number | null;
  target?: number | null;
  lastYear?: number | null;
  elapsed?: number | ScheduleProgress | null;
  values?: Readonly<Record<string, number | null>>;
}

/** All names a formula of an indicator may use: the standard ones plus the indicator's own inputs. */
export function allowedFormulaNames(extraNames: readonly string[] = []): string[] {
  return [...Object.keys(STANDARD_FORMULA_NAMES), ...extraNames.filter((n) => !Object.hasOwn(STANDARD_FORMULA_NAMES, n))];
}

/** Problems of a formula configuration, for scheme validation (empty when valid). */
export function validateFormulaConfig(config: FormulaConfig, extraNames: readonly string[] = []): FormulaIssue[] {
  return validateFormula(config.expression, allowedFormulaNames(extraNames));
}

/** Parsed and checked formulas by expression and the names they may read: a run scores one formula for every unit. */
const compiled = new Map<string, FormulaNode>();

function compile(config: FormulaConfig, names: readonly string[]): FormulaNode {
  const key = `${config.expression}\u0000${names.join(',')}`;
  const known = compiled.get(key);
  if (known) return known;
  try {
    const tree = parseFormula(config.expression);
    const [issue] = checkTree(tree, names);
    if (issue) throw new ScoringError('INVALID_CONFIG', issue.message);
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(key, tree);
    return tree;
  } catch (e) {
    if (e instanceof FormulaError) throw new ScoringError('INVALID_CONFIG', e.message, { cause: e });
    throw e;
  }
}

/**
 * Scores a 公式 indicator: the formula's value kept within [0, max]. Missing inputs the formula
 * reads, and evaluation errors such as division by zero, score 0 with the reason in the notes.
 */
export function scoreFormula(config: FormulaConfig, inputs: FormulaInputs): Scored {
  const P = requirePoints(config.points);
  const max = requireNonNegative('公式得分上限', config.max ?? P, 'INVALID_CONFIG');
  const elapsed = inputs.elapsed;
  const all: Record<string, number | null> = {
    P,
    actual: inputs.actual ?? null,
    target: inputs.target ?? null,
    lastYear: inputs.lastYear ?? null,
    elapsed: isMissing(elapsed) ? null : typeof elapsed === 'number' ? elapsed : elapsed.value,
    ...Object.fromEntries(Object.entries(inputs.values ?? {}).filter(([k]) => !Object.hasOwn(STANDARD_FORMULA_NAMES, k))),
  };
  const tree = compile(config, Object.keys(all));
  const used = namesInTree(tree);
  const shown: Record<string, InputValue> = Object.fromEntries(used.map((n) => [n, all[n] ?? null]));
  const rule = say(`公式计分：${config.expression.trim()}（结果限制在 0 到 ${fmt(max)} 之间）`, `Formula: ${config.expression.trim()} (kept between 0 and ${fmt(max)})`);
  const missing = used.filter((n) => isMissing(all[n]));
  if (missing.length > 0) {
    return {
      points: 0,
      missing,
      explanation: explanation('formula', shown, rule, [say('缺少数据，得 0 分', 'data missing: 0 points')], 0, [say(`未报送 ${missing.join('、')}，按 0 分计`, `${missing.join(', ')} not reported: 0 points`)]),
    };
  }
  const values: Record<string, number> = {};
  for (const n of used) values[n] = requireFinite(`「${n}」`, all[n] ?? 0);
  const substituted = substituteValues(config.expression, values);
  let raw: number;
  try {
    raw = evaluateTree(tree, values);
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    return {
      points: 0,
      explanation: explanation('formula', shown, rule, [say(`${substituted}：无法计算`, `${substituted}: cannot be computed`)], 0, [say(`${e.message}，按 0 分计`, `${e.message}: 0 points`)]),
    };
  }
  const points = clamp(raw, 0, max);
  const steps = [`${substituted} = ${fmt(raw)}`];
  const notes: string[] = [];
  if (raw !== points) {
    steps.push(say(`${fmt(raw)} 超出 [0, ${fmt(max)}]，取 ${fmt(points)}`, `${fmt(raw)} is outside [0, ${fmt(max)}]: ${fmt(points)}`));
    notes.push(raw < 0 ? say('公式结果为负，按 0 分计', 'a negative result counts as 0') : say(`公式结果超过上限 ${fmt(max)}，按上限计`, `the result is above the maximum ${fmt(max)}: the maximum counts`));
  }
  return { points, explanation: explanation('formula', shown, rule, steps, points, notes) };
}
