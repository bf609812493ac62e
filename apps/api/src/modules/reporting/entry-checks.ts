import { DEFAULT_BONUS_LEVELS, DEFAULT_GRADE_SHARES, type MethodConfig } from '@kaoping/scoring';
import { describeEventShape, eventsProblems, showNumber, valueLimits, valueProblem, type DataProblem, type EventRules, type ValueLimits } from '@kaoping/shared';
import { AppError } from '../../errors.js';

/*
 * What a leaf accepts, checked the same way at entry, Excel import, corrections and score runs: a
 * number within the scheme's limits, a grade of its scale, or events of its method's shape.
 */

/** The fields of a leaf the checks read (an indicators row). */
export interface LeafRules {
  code: string;
  name: string;
  unit_label: string | null;
  value_min: number | null;
  value_max: number | null;
  value_decimals: number | null;
  method: MethodConfig;
}

/** One cell as entered: a number, a grade or events. */
export interface EntryCell {
  value?: number | null;
  grade?: string | null;
  events?: readonly unknown[] | null;
}

/** The range and decimals a leaf's numbers must keep: the scheme's, else the defaults for its unit of measure. */
export const limitsOf = (leaf: LeafRules): ValueLimits =>
  valueLimits({ unit: leaf.unit_label, min: leaf.value_min, max: leaf.value_max, decimals: leaf.value_decimals });

/** The kinds (扣分) or levels (加分) an event leaf accepts; null for a leaf that takes no events. */
export function eventRulesOf(leaf: LeafRules): EventRules | null {
  const m = leaf.method;
  switch (m.method) {
    case 'deduct':
      return { method: 'deduct', kinds: m.rules ?? [] };
    case 'bonus':
      return { method: 'bonus', levels: m.levels ?? DEFAULT_BONUS_LEVELS };
    case 'veto':
      return { method: 'veto' };
    default:
      return null;
  }
}

/** The grades a grade row may take (the indicator's own, or the default 优/良/中/差…). */
export const gradesOf = (leaf: LeafRules): string[] => Object.keys((leaf.method.method === 'grade' ? leaf.method.shares : undefined) ?? DEFAULT_GRADE_SHARES);

/**
 * Why a cell does not fit its leaf (the value shown and what is allowed), or null when it does.
 * Only what the cell carries is checked: an absent number or grade is "not reported", never wrong.
 */
export function cellProblem(leaf: LeafRules, cell: EntryCell): string | null {
  const rules = eventRulesOf(leaf);
  if (rules) {
    if (cell.value !== undefined && cell.value !== null) return `本指标按事项记录，不填数值（收到 ${showNumber(cell.value)}）；${describeEventShape(rules)}`;
    if (cell.grade) return `本指标按事项记录，不填等次（收到「${cell.grade}」）；${describeEventShape(rules)}`;
    const problems = eventsProblems(rules, cell.events ?? []);
    return problems.length ? `${problems.join('；')}。${describeEventShape(rules)}` : null;
  }
  if (cell.events && cell.events.length > 0) return `本指标不记录事项（收到 ${JSON.stringify(cell.events)}）/ this indicator takes no events`;
  if (leaf.method.method === 'grade') {
    if (cell.value !== undefined && cell.value !== null) return `本指标填写等次，不填数值（收到 ${showNumber(cell.value)}）；等次可选：${gradesOf(leaf).join('、')}`;
    if (cell.grade && !gradesOf(leaf).includes(cell.grade)) return `等次「${cell.grade}」无效；可选：${gradesOf(leaf).join('、')} / unknown grade`;
    return null;
  }
  if (cell.grade) return `本指标填写数值，不填等次（收到「${cell.grade}」）/ this indicator takes a number`;
  if (cell.value === undefined || cell.value === null) return null;
  return valueProblem(cell.value, limitsOf(leaf));
}

/** Where a problem is: the unit, the indicator and the period, as a person names them. */
export interface CellPlace {
  unit: { code: string; name: string };
  period: { key: string; label: string };
}

export type { DataProblem } from '@kaoping/shared';

/** The value of a cell as shown in a problem: the number, the grade or the events. */
export function shownCell(cell: EntryCell): string {
  if (cell.value !== undefined && cell.value !== null) return showNumber(cell.value);
  if (cell.grade) return cell.grade;
  return JSON.stringify(cell.events ?? null);
}

/** A problem named as a person looks for it: unit, indicator, period (or 上年值), the value and why. */
export function dataProblem(leaf: Pick<LeafRules, 'code' | 'name'>, place: CellPlace, cell: EntryCell, reason: string): DataProblem {
  return { unitCode: place.unit.code, unitName: place.unit.name, indicatorCode: leaf.code, indicatorName: leaf.name, period: place.period.label, value: shownCell(cell), reason };
}

/** A problem in one line: 衡阳县（430421）· E2 招商引资到位资金 · 2021年1月：… */
export const problemLine = (p: DataProblem): string => `${p.unitName}（${p.unitCode}）· ${p.indicatorCode} ${p.indicatorName} · ${p.period}：${p.reason}`;

/** A 400 that names the first problem in its message and lists them all in its details. */
export function refuseCells(problems: DataProblem[]): AppError {
  const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处 / and ${problems.length - 1} more）` : '';
  return new AppError('VALIDATION_FAILED', `${problemLine(problems[0]!)}${more}`, problems);
}
