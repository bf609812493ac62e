import { SCHEME_FORMAT } from '@kaoping/shared';
import { describe, expect, it } from 'vitest';
import { computeRun, problemsInLeafOrder, splitByGroup, type RunInputs } from './compute-run.js';

/** Two counties, a grade leaf and a progress leaf, as a run's stored inputs look. */
function inputs(overrides: Partial<RunInputs> = {}): RunInputs {
  return {
    doc: { format: SCHEME_FORMAT, code: 'T', name: 'T', year: 2021, total: 100, groups: ['XS'], components: [{ code: 'key', name: '重点工作', points: 100 }], indicators: [] },
    asOf: '2021-08-31',
    leaves: [
      { id: 1, code: 'L', name: '领导评价', points: 40, component: 'key', groups: ['XS'], aggregate: 'last', method: { method: 'grade', points: 40 }, targets: {} },
      { id: 2, code: 'P', name: '投资完成', points: 60, component: 'key', groups: ['XS'], aggregate: 'last', method: { method: 'progress', points: 60 }, targets: { 10: 1000, 11: 1000 } },
    ],
    units: [
      { id: 10, code: '430421', name: '衡阳县', group: 'XS' },
      { id: 11, code: '430422', name: '衡南县', group: 'XS' },
    ],
    values: [
      { indicatorId: 1, unitId: 10, last: null, sum: null, count: 0, grade: '优', events: [] },
      { indicatorId: 1, unitId: 11, last: null, sum: null, count: 0, grade: 'A+', events: [] },
      { indicatorId: 2, unitId: 10, last: 600, sum: 600, count: 1, grade: null, events: [] },
    ],
    ...overrides,
  };
}

describe('computeRun', () => {
  it('lists an input the engine refuses with its unit and indicator, and scores the rest', () => {
    const { indicators, problems } = computeRun(inputs());
    expect(problems).toEqual([
      {
        unitCode: '430422',
        unitName: '衡南县',
        indicatorCode: 'L',
        indicatorName: '领导评价',
        period: '截至 2021-08-31 的汇总 / aggregated to 2021-08-31',
        value: 'A+',
        reason: expect.stringContaining('未知的评价等次「A+」'),
      },
    ]);
    expect(indicators.find((i) => i.unitId === 10 && i.indicatorId === 1)?.points).toBe(40);
  });

  it('counts 时序进度 by the basis the run names, and by days for runs stored before bases existed', () => {
    const progress = (inp: RunInputs) => computeRun(inp).indicators.find((i) => i.unitId === 10 && i.indicatorId === 2)!;
    // 60 × 60% ÷ (8/12) = 54 by months; 60 × 60% ÷ (243/365) = 54.07 by days.
    expect(progress(inputs({ progressBasis: 'month' })).points).toBeCloseTo((60 * 0.6 * 12) / 8, 9);
    expect(progress(inputs({ progressBasis: 'month' })).explanation.progress).toMatchObject({ basis: 'month', expected: 8 / 12 });
    const stored = progress(inputs());
    expect(stored.points).toBeCloseTo((60 * 0.6 * 365) / 243, 9);
    expect(stored.explanation.progress?.basis).toBeUndefined();
  });

  it('scores the same without explanations, as a run stores it, and carries none', () => {
    const rank = { id: 3, code: 'R', name: '排名', points: 20, component: 'key', groups: ['XS'], aggregate: 'last' as const, method: { method: 'rank' as const, points: 20 }, targets: {} };
    const formula = { id: 4, code: 'F', name: '公式', points: 30, component: 'key', groups: ['XS'], aggregate: 'sum' as const, method: { method: 'formula' as const, points: 30, expression: 'P * clamp(actual / target, 0, 1)' }, targets: { 10: 80, 11: 80 } };
    const inp = inputs({
      leaves: [...inputs().leaves, rank, formula],
      values: [
        ...inputs().values.filter((v) => v.grade !== 'A+'),
        { indicatorId: 3, unitId: 10, last: 5, sum: 5, count: 1, grade: null, events: [] },
        { indicatorId: 3, unitId: 11, last: 7, sum: 7, count: 1, grade: null, events: [] },
        { indicatorId: 4, unitId: 10, last: 20, sum: 60, count: 2, grade: null, events: [] },
      ],
    });
    const full = computeRun(inp);
    const stored = computeRun(inp, { explain: false });
    expect(stored.problems).toEqual(full.problems);
    expect(stored.units).toEqual(full.units);
    expect(stored.indicators).toEqual(full.indicators.map(({ explanation: _e, ...rest }) => rest));
    expect(stored.indicators.some((i) => 'explanation' in i)).toBe(false);
    // 30 × min(60 / 80, 1) = 22.5, from the sum the leaf names.
    expect(stored.indicators.find((i) => i.indicatorId === 4 && i.unitId === 10)).toMatchObject({ points: 22.5, actual: 60, target: 80 });
  });

  it('scores the same split by unit group, part after part, as in one piece', () => {
    const rank = { id: 3, code: 'R', name: '排名', points: 20, component: 'key', groups: ['XS', 'CQ'], aggregate: 'last' as const, method: { method: 'rank' as const, points: 20 }, targets: {} };
    const grade = { ...inputs().leaves[0]!, groups: ['XS', 'CQ'] };
    const grade2 = { ...grade, id: 5, code: 'L2', name: '领导评价二' };
    const units = [
      { id: 10, code: '430421', name: '衡阳县', group: 'XS' },
      { id: 11, code: '430422', name: '衡南县', group: 'XS' },
      { id: 20, code: '430405', name: '珠晖区', group: 'CQ' },
      { id: 21, code: '430406', name: '雁峰区', group: 'CQ' },
      { id: 22, code: '430407', name: '石鼓区', group: 'CQ' },
    ];
    const v = (indicatorId: number, unitId: number, x: { last?: number; grade?: string }) => ({ indicatorId, unitId, last: x.last ?? null, sum: x.last ?? null, count: x.last === undefined ? 0 : 1, grade: x.grade ?? null, events: [] });
    const inp = inputs({
      doc: { ...inputs().doc, groups: ['XS', 'CQ'] },
      leaves: [grade, rank, grade2],
      units,
      // A grade the leaf does not know in each group, and ranks within each group.
      values: [v(1, 10, { grade: '优' }), v(1, 11, { grade: 'A+' }), v(1, 20, { grade: 'B-' }), v(1, 21, { grade: '良' }), v(3, 10, { last: 5 }), v(3, 11, { last: 7 }), v(3, 20, { last: 9 }), v(3, 21, { last: 1 }), v(3, 22, { last: 4 }), v(5, 10, { grade: 'C+' }), v(5, 22, { grade: 'D+' })],
    });
    const whole = computeRun(inp, { explain: false });
    const parts = splitByGroup(inp);
    expect(parts.map((p) => p.units.map((u) => u.id))).toEqual([[10, 11], [20, 21, 22]]);
    const scored = parts.map((p) => computeRun(p, { explain: false }));
    expect(scored.flatMap((r) => r.units)).toEqual(whole.units);
    const byCell = (xs: { unitId: number; indicatorId: number }[]) => [...xs].sort((a, b) => a.unitId - b.unitId || a.indicatorId - b.indicatorId);
    expect(byCell(scored.flatMap((r) => r.indicators))).toEqual(byCell(whole.indicators));
    expect(whole.problems.map((p) => [p.indicatorCode, p.unitCode])).toEqual([['L', '430422'], ['L', '430405'], ['L2', '430421'], ['L2', '430407']]);
    expect(problemsInLeafOrder(scored.flatMap((r) => r.problems), inp.leaves)).toEqual(whole.problems);
  });
});
