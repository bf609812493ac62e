import { SCHEME_FORMAT } from '@kaoping/shared';
import { describe, expect, it } from 'vitest';
import { computeRun, type RunInputs } from './compute-run.js';
import { parseStoredInputs, storedInputsText } from './run-inputs-storage.js';

/** Two counties: a mean-of-values leaf, a latest-value leaf, a grade leaf and a deduction leaf. */
const inputs: RunInputs = {
  doc: { format: SCHEME_FORMAT, code: 'T', name: 'T', year: 2021, total: 100, groups: ['XS'], components: [{ code: 'key', name: '重点工作', points: 100 }], indicators: [] },
  asOf: '2021-08-31',
  leaves: [
    { id: 1, code: 'A', name: '均值', points: 30, component: 'key', groups: ['XS'], aggregate: 'avg', method: { method: 'ratio', points: 30 }, targets: { 10: 50, 11: 50 } },
    { id: 2, code: 'L', name: '最新值', points: 30, component: 'key', groups: ['XS'], aggregate: 'last', method: { method: 'ratio', points: 30 }, targets: { 10: 50, 11: 50 }, lastYear: { 11: 42, 10: 40 } },
    { id: 3, code: 'G', name: '等次', points: 20, component: 'key', groups: ['XS'], aggregate: 'last', method: { method: 'grade', points: 20 }, targets: {} },
    { id: 4, code: 'D', name: '扣分', points: 20, component: 'key', groups: ['XS'], aggregate: 'last', method: { method: 'deduct', points: 20, rules: [{ kind: 'late', label: '逾期', perEvent: 2 }] }, targets: {} },
  ],
  units: [
    { id: 10, code: '430421', name: '衡阳县', group: 'XS' },
    { id: 11, code: '430422', name: '衡南县', group: 'XS' },
  ],
  values: [
    { indicatorId: 1, unitId: 10, last: 40, sum: 130, count: 3, grade: null, events: [] },
    { indicatorId: 1, unitId: 11, last: 55, sum: 100, count: 2, grade: null, events: [] },
    { indicatorId: 2, unitId: 10, last: 45, sum: 90, count: 2, grade: null, events: [] },
    { indicatorId: 3, unitId: 10, last: null, sum: null, count: 0, grade: '良', events: [] },
    { indicatorId: 3, unitId: 11, last: null, sum: null, count: 0, grade: null, events: [] },
    { indicatorId: 4, unitId: 11, last: null, sum: null, count: 0, grade: null, events: [{ kind: 'late', count: 1 }] },
  ],
};

describe('a run’s stored inputs', () => {
  it('read back as the values they were written from, by leaf in columns, and score the same', async () => {
    const text = await storedInputsText(inputs);
    const stored = JSON.parse(text) as {
      values?: unknown;
      leaves: { targets: unknown; lastYear?: unknown }[];
      valuesByLeaf: { indicatorId: number; unitId: number[]; grade?: unknown[]; events?: unknown[] }[];
    };
    expect(stored.leaves[1]).toMatchObject({ targets: { unitId: [10, 11], value: [50, 50] }, lastYear: { unitId: [10, 11], value: [40, 42] } });
    expect(stored.leaves[2]!.lastYear).toBeUndefined();
    expect(stored.values).toBeUndefined();
    expect(stored.valuesByLeaf.map((l) => [l.indicatorId, l.unitId])).toEqual([[1, [10, 11]], [2, [10]], [3, [10, 11]], [4, [11]]]);
    // Grades and events are kept only for the leaves that have any.
    expect(stored.valuesByLeaf.map((l) => [l.grade !== undefined, l.events !== undefined])).toEqual([[false, false], [false, false], [true, false], [false, true]]);
    const back = parseStoredInputs(text);
    expect(back).toEqual(inputs);
    expect(computeRun(inputs).problems).toEqual([]);
    expect(computeRun(back)).toEqual(computeRun(inputs));
    expect(await storedInputsText(back)).toBe(text);
  });

  it('of runs stored before, one record per value with its mean, read as they were and give that mean', () => {
    const { values, ...rest } = inputs;
    const old = { ...rest, values: values.map(({ count: _count, ...v }) => ({ ...v, avg: v.indicatorId === 1 ? (v.unitId === 10 ? 40 : 50) : null })) };
    const back = parseStoredInputs(JSON.stringify(old));
    expect(back).toEqual(old);
    const mean = (r: RunInputs) => computeRun(r).indicators.filter((i) => i.indicatorId === 1).map((i) => i.actual);
    expect(mean(back)).toEqual([40, 50]);
    // Counted now: 130 / 3 and 100 / 2.
    expect(mean(inputs)).toEqual([130 / 3, 50]);
  });
});
