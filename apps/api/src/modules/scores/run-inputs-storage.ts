import { canonicalJsonInTurns } from '../../lib/canonical-json.js';
import type { AggregatedValue, LeafInput, RunInputs } from './compute-run.js';

/*
 * How a run's inputs are kept (score_runs.inputs). The values go by leaf, each field a column of
 * the leaf's units, grades and events only for leaves that have any: a province's 67,200 values are
 * a quarter of the text they made as one record each, and the text is what the run writes, hashes
 * and sends. A leaf's targets and last year's values go as columns too, which the canonical writer
 * takes as they are instead of sorting 1,400 keys a leaf. Runs stored before keep their records
 * under `values` and are read as they are.
 */

/** A leaf's values, one entry per unit in each column. */
export interface StoredLeafValues {
  indicatorId: number;
  unitId: number[];
  last: (number | null)[];
  sum: (number | null)[];
  count: (number | null)[];
  grade?: (string | null)[];
  events?: Record<string, unknown>[][];
}

/** Per-unit numbers of a leaf (targets, last year's values) as two columns, in unit id order. */
export interface StoredPerUnit {
  unitId: number[];
  value: number[];
}

export type StoredLeaf = Omit<LeafInput, 'targets' | 'lastYear'> & { targets: StoredPerUnit; lastYear?: StoredPerUnit };

export type StoredRunInputs = Omit<RunInputs, 'values' | 'leaves'> & { leaves: StoredLeaf[]; valuesByLeaf: StoredLeafValues[] };

// A record keyed by unit id lists its keys in ascending numeric order (integer-like keys always do).
const toColumns = (r: Record<number, number>): StoredPerUnit => ({ unitId: Object.keys(r).map(Number), value: Object.values(r) });
const fromColumns = (c: StoredPerUnit): Record<number, number> => Object.fromEntries(c.unitId.map((id, i) => [id, c.value[i]!]));
/** Runs stored before kept these as records keyed by unit id. */
const perUnit = (x: StoredPerUnit | Record<number, number>): Record<number, number> => (Array.isArray((x as StoredPerUnit).unitId) ? fromColumns(x as StoredPerUnit) : (x as Record<number, number>));

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
  const { values: _values, leaves, ...rest } = inputs;
  return {
    ...rest,
    leaves: leaves.map(({ targets, lastYear, ...leaf }) => ({ ...leaf, targets: toColumns(targets), ...(lastYear ? { lastYear: toColumns(lastYear) } : {}) })),
    valuesByLeaf,
  };
}

export function fromStored(stored: StoredRunInputs | RunInputs): RunInputs {
  if (!('valuesByLeaf' in stored)) return stored;
  const { valuesByLeaf, leaves: storedLeaves, ...rest } = stored;
  const leaves = storedLeaves.map(({ targets, lastYear, ...leaf }): LeafInput => ({ ...leaf, targets: perUnit(targets), ...(lastYear ? { lastYear: perUnit(lastYear) } : {}) }));
  const values = valuesByLeaf.flatMap((l) =>
    l.unitId.map((unitId, i): AggregatedValue => ({
      indicatorId: l.indicatorId,
      unitId,
      last: l.last[i] ?? null,
      sum: l.sum[i] ?? null,
      count: l.count[i] ?? null,
      grade: l.grade?.[i] ?? null,
      events: l.events?.[i] ?? [],
    })),
  );
  return { ...rest, leaves, values };
}

/** The text a run keeps of its inputs: canonical JSON (sorted keys), so the same inputs always give the same text and hash. */
export const storedInputsText = (inputs: RunInputs): Promise<string> => canonicalJsonInTurns(toStored(inputs) as unknown as Record<string, unknown>);

export const parseStoredInputs = (text: string): RunInputs => fromStored(JSON.parse(text) as StoredRunInputs | RunInputs);
