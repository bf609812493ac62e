import { inLanguage } from '@kaoping/scoring';
import type { Queryable } from '../../db/database.js';
import { localize, type Lang } from '../../lib/language.js';
import { computeRun, type IndicatorResult, type UnitResult } from './compute-run.js';
import { parseStoredInputs } from './run-inputs-storage.js';
import { findRunInputs, type IndicatorScoreRow } from './scores.repository.js';

/*
 * A run stores its inputs and each indicator's points, not the explanation texts (they made up
 * most of what a run wrote). The explanations are rebuilt here from the stored inputs with the same
 * pure engine, which is deterministic, in the reader's language, and checked against the stored
 * points: should the engine have changed since the run, the explanation says so instead of silently
 * disagreeing. A unit's totals and grade are rebuilt the same way, so they read in that language too.
 */

type Explanation = IndicatorResult['explanation'];
interface Rebuilt {
  indicators: Map<string, { points: number; explanation: Explanation }>;
  units: Map<number, Pick<UnitResult, 'explanation' | 'components'>>;
}

/**
 * Runs are immutable, so their rebuilt explanations are kept for a few recently read runs (and
 * languages) per database. The cache holds the rebuild itself, so that many readers of one run at
 * once (a comparison reads every unit) share one computation instead of each starting its own.
 */
const CACHE_RUNS = 8;
const caches = new WeakMap<object, Map<string, Promise<Rebuilt | null>>>();

const key = (unitId: number, indicatorId: number) => `${unitId}:${indicatorId}`;

function rebuild(db: Queryable, runId: number, lang: Lang): Promise<Rebuilt | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const cacheKey = `${runId}:${lang}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const pending = (async () => {
    const stored = await findRunInputs(db, runId);
    if (stored === null) return null;
    const inputs = parseStoredInputs(stored);
    const { indicators, units } = inLanguage(lang, () => computeRun(inputs));
    return {
      indicators: new Map(indicators.map((r) => [key(r.unitId, r.indicatorId), { points: r.points, explanation: r.explanation }])),
      units: new Map(units.map((u) => [u.unitId, { explanation: u.explanation, components: u.components }])),
    };
  })();
  cache.set(cacheKey, pending);
  // A failed read is not kept: the next reader tries again.
  pending.catch(() => cache.delete(cacheKey));
  if (cache.size > CACHE_RUNS) cache.delete(cache.keys().next().value!);
  return pending;
}

const driftNote = (lang: Lang) =>
  localize(lang, '本说明按当前计分规则由本次计分的输入重建，与当时存储的得分不一致，得分以存储为准', 'rebuilt with the current rules, which no longer give the stored points; the stored points stand');

/** The indicator results of a run with their explanations: stored ones (older runs) or rebuilt from the run's inputs in `lang`. */
export async function withExplanations(db: Queryable, runId: number, rows: IndicatorScoreRow[], lang: Lang): Promise<(IndicatorScoreRow & { explanation: Explanation })[]> {
  if (rows.every((r) => r.explanation)) return rows as (IndicatorScoreRow & { explanation: Explanation })[];
  const rebuilt = await rebuild(db, runId, lang);
  return rows.map((r) => {
    if (r.explanation) return { ...r, explanation: r.explanation };
    const again = rebuilt?.indicators.get(key(r.unit_id, r.indicator_id));
    if (!again) return { ...r, explanation: { method: 'unknown', inputs: {}, rule: '', steps: [], result: r.points, notes: [driftNote(lang)] } as Explanation };
    if (Math.abs(again.points - r.points) > 1e-9) return { ...r, explanation: { ...again.explanation, notes: [...(again.explanation.notes ?? []), driftNote(lang)] } };
    return { ...r, explanation: again.explanation };
  });
}

/**
 * A unit's totals explanation and component notes in `lang`, rebuilt from the run's inputs; the
 * stored ones (Chinese) for runs stored without inputs.
 */
export async function unitExplanation<T extends Pick<UnitResult, 'explanation' | 'components'>>(db: Queryable, runId: number, unitId: number, stored: T, lang: Lang): Promise<T> {
  const again = (await rebuild(db, runId, lang))?.units.get(unitId);
  if (!again) return stored;
  const notes = new Map(again.components.map((c) => [c.code, c.note]));
  return { ...stored, explanation: again.explanation, components: stored.components.map((c) => ({ ...c, note: notes.get(c.code) ?? c.note })) };
}
