import type { Queryable } from '../../db/database.js';
import { computeRun, type IndicatorResult, type RunInputs } from './compute-run.js';
import { findRunInputs, type IndicatorScoreRow } from './scores.repository.js';

/*
 * A run stores its inputs and each indicator's points, not the explanation texts (they made up
 * most of what a run wrote). The explanations are rebuilt here from the stored inputs with the same
 * pure engine, which is deterministic, and checked against the stored points: should the engine
 * have changed since the run, the explanation says so instead of silently disagreeing.
 */

type Explanation = IndicatorResult['explanation'];
interface Rebuilt {
  points: number;
  explanation: Explanation;
}

/** Runs are immutable, so their rebuilt explanations are kept for a few recently read runs per database. */
const CACHE_RUNS = 8;
const caches = new WeakMap<object, Map<number, Map<string, Rebuilt>>>();

const key = (unitId: number, indicatorId: number) => `${unitId}:${indicatorId}`;

async function rebuild(db: Queryable, runId: number): Promise<Map<string, Rebuilt> | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(runId);
  if (hit) return hit;
  const stored = await findRunInputs(db, runId);
  if (stored === null) return null;
  const { indicators } = computeRun(JSON.parse(stored) as RunInputs);
  const byKey = new Map(indicators.map((r) => [key(r.unitId, r.indicatorId), { points: r.points, explanation: r.explanation }]));
  cache.set(runId, byKey);
  if (cache.size > CACHE_RUNS) cache.delete(cache.keys().next().value!);
  return byKey;
}

const DRIFT_NOTE = '本说明按当前计分规则由本次计分的输入重建，与当时存储的得分不一致，得分以存储为准 / rebuilt with the current rules, which no longer give the stored points; the stored points stand';

/** The indicator results of a run with their explanations: stored ones (older runs) or rebuilt from the run's inputs. */
export async function withExplanations(db: Queryable, runId: number, rows: IndicatorScoreRow[]): Promise<(IndicatorScoreRow & { explanation: Explanation })[]> {
  if (rows.every((r) => r.explanation)) return rows as (IndicatorScoreRow & { explanation: Explanation })[];
  const rebuilt = await rebuild(db, runId);
  return rows.map((r) => {
    if (r.explanation) return { ...r, explanation: r.explanation };
    const again = rebuilt?.get(key(r.unit_id, r.indicator_id));
    if (!again) return { ...r, explanation: { method: 'unknown', inputs: {}, rule: '', steps: [], result: r.points, notes: [DRIFT_NOTE] } as Explanation };
    if (Math.abs(again.points - r.points) > 1e-9) return { ...r, explanation: { ...again.explanation, notes: [...(again.explanation.notes ?? []), DRIFT_NOTE] } };
    return { ...r, explanation: again.explanation };
  });
}
