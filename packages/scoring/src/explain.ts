import { say } from './language.js';

/**
 * Every computed score carries its explanation, so an office can show a unit exactly how its
 * points were reached: which inputs, which rule in words, the arithmetic with the real numbers.
 */

/** The scoring methods of DOMAIN.md §2; also the `method` of an explanation. */
export type MethodName = 'ratio' | 'rank' | 'bands' | 'grade' | 'deduct' | 'bonus' | 'veto' | 'progress' | 'formula';

/** Chinese names of the methods, for rules, tables and bulletins. */
export const METHOD_LABELS: Readonly<Record<MethodName, string>> = {
  ratio: '完成率计分',
  rank: '排名计分',
  bands: '分档计分',
  grade: '定性评价',
  deduct: '扣分',
  bonus: '加分',
  veto: '一票否决',
  progress: '时序进度计分',
  formula: '公式计分',
};

/** A value shown as an input of a computation; `null` marks data that was not reported. */
export type InputValue = number | string | null;

/** How one number was reached: the inputs, the rule in words, the arithmetic and the result. */
export interface Explanation {
  /** Which method or computation produced the result (a `MethodName` for indicator scores). */
  method: string;
  /** The values the rule was applied to, by name. */
  inputs: Record<string, InputValue>;
  /** The rule in words, in the language asked for (see language.ts), e.g. "完成率计分：P × min(实际/目标, 上限)". */
  rule: string;
  /** The arithmetic with the actual numbers, e.g. "120 × min(85/100, 1.0) = 102". */
  steps: string[];
  /** The result at full precision (round only for display). */
  result: number;
  /** Anything a reader must know: missing data, caps applied, edge cases resolved. */
  notes?: string[];
}

/** An indicator score: the points at full precision and how they were reached. */
export interface Scored {
  points: number;
  explanation: Explanation;
  /** Names of required inputs that were not reported; the score is then 0 and noted. */
  missing?: string[];
}

/** Directions of an indicator: most are higher-is-better, accidents or costs are lower-is-better. */
export type Direction = 'higher' | 'lower';

/** Chinese names of the directions. */
export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = { higher: '越高越好', lower: '越低越好' };

/** A direction as an explanation writes it, in the current language. */
export const directionText = (d: Direction): string => (d === 'higher' ? say('越高越好', 'higher is better') : say('越低越好', 'lower is better'));

/**
 * Rounds half away from zero to `digits` decimals without the binary surprises of `toFixed`
 * (1.005 → 1.01). For display only: scores keep full precision.
 */
export function roundTo(value: number, digits: number): number {
  // Beyond 1e15 a double has no decimals left to round (and scaling could overflow).
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return value;
  const factor = 10 ** digits;
  const exact = Math.abs(value) * factor;
  // To 15 significant digits first, so that 1.005 × 100 (100.49999999999999) rounds as the 1.005 it was
  // written as. That moves `exact` by less than 5e-15 of itself, which can change the rounding only
  // near a half: elsewhere the costly toPrecision is skipped (a run rounds hundreds of thousands of numbers).
  const nearHalf = Math.abs(exact - Math.floor(exact) - 0.5) <= exact * 1e-14;
  const scaled = nearHalf ? Number(exact.toPrecision(15)) : exact;
  const rounded = (Math.sign(value) * Math.round(scaled)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** Rounds to 2 decimals, the precision of published scores. For display only. */
export function round2(value: number): number {
  return roundTo(value, 2);
}

let writingNumbers = true;

/**
 * Runs `fn` with the numbers of explanation texts left unwritten (fmt gives ''). A score run that
 * stores points only rebuilds its explanations when they are read; writing out the numbers of tens
 * of thousands of texts it throws away was a sixth of its scoring. Error messages do not use fmt.
 */
export function withoutNumbersInTexts<T>(fn: () => T): T {
  const before = writingNumbers;
  writingNumbers = false;
  try {
    return fn();
  } finally {
    writingNumbers = before;
  }
}

/** A number as written in explanation steps: at most `maxDecimals` decimals, no trailing zeros. */
export function fmt(value: number, maxDecimals = 4): string {
  if (!writingNumbers) return '';
  if (Number.isNaN(value)) return '—';
  if (!Number.isFinite(value) || Math.abs(value) === Number.MAX_VALUE) return value > 0 ? '∞' : '−∞';
  // Tiny non-zero values keep 4 significant digits rather than printing as 0; huge ones 6.
  if (value !== 0 && Math.abs(value) < 10 ** -maxDecimals) return String(Number(value.toPrecision(4)));
  if (Math.abs(value) >= 1e15) return String(Number(value.toPrecision(6)));
  return String(roundTo(value, maxDecimals));
}

/** A multiplier or cap as written in rules, keeping one decimal so 1 reads "1.0". */
export function fmtFactor(value: number): string {
  const s = fmt(value);
  return Number.isInteger(roundTo(value, 4)) && !s.includes('e') ? `${s}.0` : s;
}

/** A share (0.6667) as a percentage ("66.67%"). */
export function fmtPct(share: number, maxDecimals = 2): string {
  if (!Number.isFinite(share * 100)) return share > 0 ? '∞' : '−∞';
  return `${fmt(share * 100, maxDecimals)}%`;
}

/** Builds an explanation, dropping an empty notes list so stored explanations stay small. */
export function explanation(
  method: string,
  inputs: Record<string, InputValue>,
  rule: string,
  steps: string[],
  result: number,
  notes: string[] = [],
): Explanation {
  return notes.length > 0 ? { method, inputs, rule, steps, result, notes } : { method, inputs, rule, steps, result };
}

/** Renders an explanation as plain lines, for bulletins, exports and tooltips. */
export function renderExplanation(e: Explanation): string {
  const inputs = Object.entries(e.inputs)
    .map(([k, v]) => `${k} = ${v === null ? say('（缺）', '(missing)') : typeof v === 'number' ? fmt(v) : v}`)
    .join(say('，', ', '));
  const lines = [e.rule];
  if (inputs) lines.push(`${say('输入：', 'Inputs: ')}${inputs}`);
  for (const s of e.steps) lines.push(`  ${s}`);
  lines.push(`${say('结果：', 'Result: ')}${fmt(e.result, 2)}`);
  for (const n of e.notes ?? []) lines.push(`${say('注：', 'Note: ')}${n}`);
  return lines.join('\n');
}
