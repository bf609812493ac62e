import { eventsProblems, valueProblem } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { cellProblem, dataProblem, eventRulesOf, limitsOf, problemLine, type DataProblem, type LeafRules } from '../reporting/entry-checks.js';
import { findApprovedCells, type ApprovedCell, type CheckedAggregate } from './scores.repository.js';

/*
 * Before a run scores, its approved data are checked the way entry checks them, so that data stored
 * before the checks (or a value that slipped past them) is named instead of failing the run: a
 * number within the leaf's limits (decimals are checked at entry only: more of them still score),
 * a grade of its scale, events of its method's shape. Checking aggregates first keeps the common
 * case (nothing wrong) to one pass over a small result; only flagged cells are read period by period.
 */

const isNumeric = (leaf: LeafRules) => eventRulesOf(leaf) === null && leaf.method.method !== 'grade';

/** The limits of the leaves scored on numbers, as the aggregate read compares them (scores.repository.ts). */
export function numericLimits(rules: Map<number, LeafRules>): { ids: number[]; mins: number[]; maxs: number[] } {
  const numeric = [...rules].filter(([, leaf]) => isNumeric(leaf)).map(([id, leaf]) => ({ id, ...limitsOf(leaf) }));
  return { ids: numeric.map((l) => l.id), mins: numeric.map((l) => l.min), maxs: numeric.map((l) => l.max) };
}

/** True when an aggregate holds something its leaf cannot take. */
function flagged(leaf: LeafRules, a: CheckedAggregate): boolean {
  const rules = eventRulesOf(leaf);
  if (rules) return eventsProblems(rules, a.events).length > 0;
  if (leaf.method.method === 'grade') return a.grade !== null && cellProblem(leaf, { grade: a.grade }) !== null;
  const l = limitsOf(leaf);
  // Written as negations so that NaN, which compares false to everything, is caught.
  return (a.lo !== null && !(a.lo >= l.min)) || (a.hi !== null && !(a.hi <= l.max));
}

/** Why one stored cell cannot be scored, reading only what its leaf's method uses. */
function storedCellProblem(leaf: LeafRules, c: ApprovedCell): string | null {
  if (isNumeric(leaf)) {
    const l = limitsOf(leaf);
    return c.value === null || (c.value >= l.min && c.value <= l.max) ? null : valueProblem(c.value, l);
  }
  if (leaf.method.method === 'grade') return c.grade === null ? null : cellProblem(leaf, { grade: c.grade });
  return c.events === null ? null : cellProblem(leaf, { events: c.events });
}

/**
 * Every approved cell up to the as-of date that its leaf cannot take, period by period. Leaves in
 * `skip` (fed by project rates) do not read entered data.
 */
export async function findUnscorableInputs(
  db: Queryable,
  scheme: { id: number; asOf: string },
  rules: Map<number, LeafRules>,
  aggregates: CheckedAggregate[],
  skip: Set<number>,
): Promise<DataProblem[]> {
  const pairs = aggregates.filter((a) => !skip.has(a.indicatorId) && rules.has(a.indicatorId) && flagged(rules.get(a.indicatorId)!, a));
  if (!pairs.length) return [];
  const cells = await findApprovedCells(db, scheme.id, scheme.asOf, pairs.map((a) => ({ indicatorId: a.indicatorId, unitId: a.unitId })));
  return cells.flatMap((c) => {
    const leaf = rules.get(c.indicator_id)!;
    const problem = storedCellProblem(leaf, c);
    if (!problem) return [];
    const cell = isNumeric(leaf) ? { value: c.value } : leaf.method.method === 'grade' ? { grade: c.grade } : { events: c.events };
    return [dataProblem(leaf, { unit: { code: c.unit_code, name: c.unit_name }, period: { key: '', label: c.period_label } }, cell, problem)];
  });
}

/** The answer to a run that met inputs it cannot score: 422 listing each (unit, indicator, period, value, reason). */
export function unscorable(problems: DataProblem[]): AppError {
  const shown = problems.slice(0, 3).map(problemLine).join('；');
  return new AppError(
    'UNSCORABLE_INPUT',
    `有 ${problems.length} 项已审核数据无法计分，本次未计分：${shown}${problems.length > 3 ? ' 等' : ''}。请在进行中的期间退回该数据、已关闭的期间提交更正后重新计分 / ${problems.length} approved inputs cannot be scored; return or correct them and run again`,
    problems,
  );
}
