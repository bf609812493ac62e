import { canonicalJsonInTurns } from '../../lib/canonical-json.js';
import type { AggregatedValue, RunInputs } from './compute-run.js';

/*
 * How a run's inputs are kept (score_runs.inputs). The values go by leaf, each field a column of
 * the leaf's units, grades and events only for leaves that have any: a province's 67,200 values are
 * a quarter of the text they made as one record each, and the text is what the run writes, hashes
 * and sends. Runs stored before keep their records under `values` and are read as they are.
 */

/** A leaf's values, one entry per unit in each column. */
export interface StoredLeafValues {
  indicatorId: number;
  unitId: number[];
  last: (number | null)[];
  sum: (number | null)[];
  count: number[];
  grade?: (string | null)[];
  events?: Record<string, unknown>[][];
}

export type StoredRunInputs = Omit<RunInputs, 'values'> & { valuesByLeaf: StoredLeafValues[] };

export function toStored(inputs: RunInputs): StoredRunInputs {
  const byLeaf = new Map<number, AggregatedValue[]>();
  for (const v of inputs.values) {
    const list = byLeaf.get(v.indicatorId);
    if (list) list.push(v);
    else byLeaf.set(v.indicatorId, [v]);
  }
  // Keys in sorted order, so the canonical writer takes each leaf as it is (lib/canonical-json.ts).
  const valuesByLeaf = [...byLeaf].map(([indicatorId, vs]): StoredLeafValues => ({
    count: vs.map((v) => v.count),
    ...(vs.some((v) => v.events.length) ? { events: vs.map((v) => v.events) } : {}),
    ...(vs.some((v) => v.grade !== null) ? { grade: vs.map((v) => v.grade) } : {}),
    indicatorId,
    last: vs.map((v) => v.last),
    sum: vs.map((v) => v.sum),
    unitId: vs.map((v) => v.unitId),
  }));
  const { values: _values, ...rest } = inputs;
  return { ...rest, valuesByLeaf };
}

export function fromStored(stored: StoredRunInputs | RunInputs): RunInputs {
  if (!('valuesByLeaf' in stored)) return stored;
  const { valuesByLeaf, ...rest } = stored;
  const values = valuesByLeaf.flatMap((l) =>
    l.unitId.map((unitId, i): AggregatedValue => ({
      indicatorId: l.indicatorId,
      unitId,
      last: l.last[i] ?? null,
      sum: l.sum[i] ?? null,
      count: l.count[i] ?? 0,
      grade: l.grade?.[i] ?? null,
      events: l.events?.[i] ?? [],
    })),
  );
  return { ...rest, values };
}

/** The text a run keeps of its inputs: canonical JSON (sorted keys), so the same inputs always give the same text and hash. */
export const storedInputsText = (inputs: RunInputs): Promise<string> => canonicalJsonInTurns(toStored(inputs) as unknown as Record<string, unknown>);

export const parseStoredInputs = (text: string): RunInputs => fromStored(JSON.parse(text) as StoredRunInputs | RunInputs);
