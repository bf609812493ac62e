import type { MethodConfig } from '@kaoping/scoring';
import { VALUE_LIMIT } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import type { LeafRules } from '../reporting/entry-checks.js';
import type { AggregatedValue, IndicatorPoints, IndicatorResult, LeafInput, UnitInput, UnitResult } from './compute-run.js';

export async function loadLeaves(db: Queryable, schemeId: number): Promise<LeafInput[]> {
  const rows = await db.query<{ id: number; code: string; name: string; points: number; component: string; groups: string[]; aggregate: LeafInput['aggregate']; method: MethodConfig }>(
    `select id, code, name, points, component, groups, aggregate, method from indicators where scheme_id = $1 and is_leaf order by sort_order`,
    [schemeId],
  );
  const targets = await db.query<{ indicator_id: number; unit_id: number; target: number }>(
    `select t.indicator_id, t.unit_id, t.target from indicator_targets t join indicators i on i.id = t.indicator_id where i.scheme_id = $1`,
    [schemeId],
  );
  const byLeaf = new Map<number, Record<number, number>>();
  for (const t of targets) entryOf(byLeaf, t.indicator_id)[t.unit_id] = t.target;
  const lastYear = await db.query<{ indicator_id: number; unit_id: number; value: number }>(
    `select ly.indicator_id, ly.unit_id, ly.value from indicator_last_year ly join indicators i on i.id = ly.indicator_id where i.scheme_id = $1`,
    [schemeId],
  );
  const lastByLeaf = new Map<number, Record<number, number>>();
  for (const l of lastYear) entryOf(lastByLeaf, l.indicator_id)[l.unit_id] = l.value;
  // lastYear only where kept, so runs of schemes without it store (and hash) the same inputs as before.
  return rows.map((r) => ({ ...r, targets: byLeaf.get(r.id) ?? {}, ...(lastByLeaf.has(r.id) ? { lastYear: lastByLeaf.get(r.id) } : {}) }));
}

/** The per-unit record of a leaf, made on first use (filled in place: a province has 1,400 units a leaf). */
function entryOf(m: Map<number, Record<number, number>>, leafId: number): Record<number, number> {
  let r = m.get(leafId);
  if (!r) m.set(leafId, (r = {}));
  return r;
}

/** What each leaf of a scheme accepts (its limits, grades, event rules), to check approved data before a run. */
export async function loadLeafRules(db: Queryable, schemeId: number): Promise<Map<number, LeafRules>> {
  const rows = await db.query<LeafRules & { id: number }>(
    `select id, code, name, unit_label, value_min, value_max, value_decimals, method from indicators where scheme_id = $1 and is_leaf`,
    [schemeId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Active units of the scheme's groups. */
export async function loadUnits(db: Queryable, groups: string[]): Promise<UnitInput[]> {
  return db.query<UnitInput>(
    `select u.id, u.code, u.name, g.code as "group" from units u join unit_groups g on g.id = u.group_id
      where u.active and g.code = any($1::text[]) order by g.sort_order, u.code`,
    [groups],
  );
}

/** An aggregated value with the smallest and largest number it came from, to check them against the leaf's limits. */
export interface CheckedAggregate extends AggregatedValue {
  lo: number | null;
  hi: number | null;
}

/**
 * Approved data up to the as-of date, aggregated per leaf and unit in SQL: what the leaf is scored
 * on (the latest value, or the sum, with how many values it adds for a mean), the latest grade and
 * every event, and — only where they break the leaf's limits — the smallest and largest value, so
 * that the caller can name what it cannot score. Only this small result crosses to Node, and it
 * carries no number the run does not read: a province's year is 67,200 rows.
 */
export async function loadAggregatedValues(db: Database, schemeId: number, asOf: string, limits: NumericLimits): Promise<CheckedAggregate[]> {
  // PostgreSQL's JIT compiles this aggregate's expressions afresh on every run: over a province's
  // year it spent more time compiling them (0.1–0.3 s) than it saved, so the read goes without.
  const read = (guarded: boolean) =>
    db.transaction(async (tx) => {
      await tx.query('set local jit = off');
      return aggregateValues(tx, schemeId, asOf, limits, guarded);
    });
  try {
    return await read(false);
  } catch (e) {
    // Values beyond any limit, stored before entry checked them, can overflow a sum (SQLSTATE
    // 22003). Read again with them left out of the sums, so that the check can name them.
    if ((e as { code?: unknown }).code !== '22003') throw e;
    return read(true);
  }
}

/** The numeric leaves' limits: ids with their smallest and largest allowed value (run-checks.ts numericLimits). */
export interface NumericLimits {
  ids: number[];
  mins: number[];
  maxs: number[];
}

/** `guarded` leaves values beyond VALUE_LIMIT out of sums and counts: slower, only needed once a sum has overflowed. */
async function aggregateValues(db: Queryable, schemeId: number, asOf: string, limits: NumericLimits, guarded: boolean): Promise<CheckedAggregate[]> {
  const approved = `from data_values v join periods p on p.id = v.period_id
                     where p.scheme_id = $1 and p.end_date <= $2::date and v.status = 'approved'`;
  // Numbers for every leaf; grades and events (kept in date order) only for the leaves scored on
  // them. Ordered aggregates cost a sort per unit and leaf even where they collect nothing: over a
  // province's year they tripled the time of the whole query.
  const markedLeaves = (
    await db.query<{ id: number }>(`select id from indicators where scheme_id = $1 and is_leaf and method->>'method' in (${MARKED_METHODS})`, [schemeId])
  ).map((r) => r.id);
  const within = guarded ? 'filter (where abs(v.value) <= $6)' : '';
  // One after the other: both go through the read's one connection.
  const numbers = await db.query<CheckedAggregate>(
    `with a as (
       select v.indicator_id, v.unit_id,
              -- the latest value: max over (day number, value) pairs, cheaper than sorting each group
              (max(array[(p.end_date - date '2000-01-01')::float8, v.value]) filter (where v.value is not null))[2] as last,
              -- a count rather than avg(), whose running state is an array: the run divides (compute-run.ts)
              sum(v.value) ${within} as sum, count(v.value) ${within} as count,
              min(v.value) as lo, max(v.value) as hi
         ${approved}
        group by v.indicator_id, v.unit_id)
     select a.indicator_id as "indicatorId", a.unit_id as "unitId",
            case when i.aggregate = 'last' then a.last end as last,
            case when i.aggregate <> 'last' then a.sum end as sum,
            case when i.aggregate = 'avg' then a.count::int end as count,
            case when not (a.lo >= l.min and a.hi <= l.max) then a.lo end as lo,
            case when not (a.lo >= l.min and a.hi <= l.max) then a.hi end as hi,
            null::text as grade
       from a join indicators i on i.id = a.indicator_id
            left join unnest($3::int[], $4::float8[], $5::float8[]) as l(id, min, max) on l.id = a.indicator_id
      order by a.indicator_id, a.unit_id`,
    guarded ? [schemeId, asOf, limits.ids, limits.mins, limits.maxs, VALUE_LIMIT] : [schemeId, asOf, limits.ids, limits.mins, limits.maxs],
  );
  const marks =
    markedLeaves.length === 0
      ? []
      : await db.query<{ indicator_id: number; unit_id: number; grade: string | null; events: unknown[][] | null }>(
          `select v.indicator_id, v.unit_id,
                  (array_agg(v.grade order by p.end_date desc) filter (where v.grade is not null))[1] as grade,
                  jsonb_agg(v.events order by p.end_date) filter (where v.events is not null) as events
             ${approved} and v.indicator_id = any($3::int[])
            group by v.indicator_id, v.unit_id`,
          [schemeId, asOf, markedLeaves],
        );
  // The rows are the aggregates (a province's year has 67,200): grades and events are added to them
  // in place rather than copied, and looked up only for the leaves scored on them.
  const marked = new Map(marks.map((m) => [m.indicator_id * 0x200000 + m.unit_id, m]));
  for (const r of numbers) {
    const m = marked.size ? marked.get(r.indicatorId * 0x200000 + r.unitId) : undefined;
    if (m) r.grade = m.grade;
    r.events = m?.events ? (m.events.flat() as Record<string, unknown>[]) : [];
  }
  return numbers;
}

/** The methods that score a grade (等次) or events (deductions, bonuses, vetoes) rather than a number. */
const MARKED_METHODS = ['grade', 'deduct', 'bonus', 'veto'].map((m) => `'${m}'`).join(', ');

/** One approved cell with where it is, as a problem names it. */
export interface ApprovedCell {
  indicator_id: number;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  period_label: string;
  value: number | null;
  grade: string | null;
  events: unknown[] | null;
}

/** The approved cells up to the as-of date of the given (leaf, unit) pairs, period by period: where a check found a problem. */
export async function findApprovedCells(db: Queryable, schemeId: number, asOf: string, pairs: { indicatorId: number; unitId: number }[]): Promise<ApprovedCell[]> {
  return db.query<ApprovedCell>(
    `select v.indicator_id, v.unit_id, u.code as unit_code, u.name as unit_name, p.label as period_label, v.value, v.grade, v.events
       from data_values v join periods p on p.id = v.period_id join units u on u.id = v.unit_id
            join json_to_recordset($3::json) as k("indicatorId" int, "unitId" int) on k."indicatorId" = v.indicator_id and k."unitId" = v.unit_id
      where p.scheme_id = $1 and p.end_date <= $2::date and v.status = 'approved'
      order by v.indicator_id, u.code, p.end_date`,
    [schemeId, asOf, JSON.stringify(pairs)],
  );
}

/** A new run's row with its inputs (canonical JSON) and their hash; its duration follows once it has scored (setRunDuration). */
export async function insertRun(
  db: Queryable,
  r: { schemeId: number; version: number; asOf: string; trigger: 'manual' | 'schedule' | 'bulletin'; userId: number | null; inputs: string; inputsHash: string; unitCount: number },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into score_runs (scheme_id, scheme_version, as_of, inputs, inputs_hash, trigger, created_by, duration_ms, unit_count)
     values ($1, $2, $3, $4, $5, $6, $7, 0, $8) returning id`,
    [r.schemeId, r.version, r.asOf, r.inputs, r.inputsHash, r.trigger, r.userId, r.unitCount],
  );
  return row!.id;
}

export async function setRunDuration(db: Queryable, runId: number, durationMs: number): Promise<void> {
  await db.query('update score_runs set duration_ms = $2 where id = $1', [runId, durationMs]);
}

/** A run's stored inputs (canonical JSON); null for runs stored before inputs were kept. */
export async function findRunInputs(db: Queryable, runId: number): Promise<string | null> {
  const [row] = await db.query<{ inputs: string | null }>('select inputs from score_runs where id = $1', [runId]);
  return row?.inputs ?? null;
}

/**
 * Stores a run's results: one row per unit, its indicator results (points and the numbers they came
 * from; explanations are rebuilt from the run's inputs on read) as a json array in the same row. The rows go in as one parameter expanded by json_to_recordset: one
 * statement instead of thousands of bound parameters, and 97 rows instead of 97 × 40.
 */
export async function insertResults(db: Queryable, runId: number, units: UnitResult[], indicators: IndicatorPoints[]): Promise<void> {
  // Each result as an array in the order findIndicatorScores reads (migration 0061); lastYear only where kept.
  const byUnit = new Map<number, unknown[]>();
  for (const i of indicators) {
    const list = byUnit.get(i.unitId) ?? [];
    list.push(i.lastYear !== undefined ? [i.indicatorId, i.points, i.actual, i.target, i.lag, i.lastYear] : [i.indicatorId, i.points, i.actual, i.target, i.lag]);
    byUnit.set(i.unitId, list);
  }
  // The indicator results go as a json[] parameter of their own rather than inside the units' JSON,
  // so that the database parses them once (checking each as json) instead of twice.
  await db.query(
    `insert into unit_scores (run_id, unit_id, group_code, total, components, bonus, deductions, rank, grade, base_grade, vetoed, explanation, indicators)
     select $1, r.unit_id, r.group_code, r.total, r.components, r.bonus, r.deductions, r.rank, r.grade, r.base_grade, r.vetoed, r.explanation, i.indicators
       from json_to_recordset($2::json) as r(unit_id int, group_code text, total float8, components jsonb, bonus float8, deductions float8,
                                              rank int, grade text, base_grade text, vetoed boolean, explanation jsonb)
       join unnest($3::int[], $4::json[]) as i(unit_id, indicators) on i.unit_id = r.unit_id`,
    [
      runId,
      JSON.stringify(
        units.map((u) => ({
          unit_id: u.unitId, group_code: u.group, total: u.total, components: u.components, bonus: u.bonus, deductions: u.deductions,
          rank: u.rank, grade: u.grade, base_grade: u.baseGrade, vetoed: u.vetoed, explanation: u.explanation,
        })),
      ),
      units.map((u) => u.unitId),
      units.map((u) => JSON.stringify(byUnit.get(u.unitId) ?? [])),
    ],
  );
}

export interface RunRow {
  id: number;
  scheme_id: number;
  scheme_version: number;
  as_of: string;
  inputs_hash: string;
  trigger: string;
  created_at: Date;
  duration_ms: number;
  unit_count: number;
}

const RUN_COLS = `id, scheme_id, scheme_version, to_char(as_of, 'YYYY-MM-DD') as as_of, inputs_hash, trigger, created_at, duration_ms, unit_count`;

/** The scheme's runs, newest first; runs made for a bulletin's figures are the bulletin's and not listed. */
export async function findRuns(db: Queryable, schemeId: number): Promise<RunRow[]> {
  return db.query<RunRow>(`select ${RUN_COLS} from score_runs where scheme_id = $1 and trigger <> 'bulletin' order by id desc`, [schemeId]);
}

export async function findRun(db: Queryable, id: number): Promise<RunRow | undefined> {
  const [row] = await db.query<RunRow>(`select ${RUN_COLS} from score_runs where id = $1`, [id]);
  return row;
}

export interface UnitScoreRow {
  unit_id: number;
  unit_code: string;
  unit_name: string;
  group_code: string;
  group_name: string;
  group_name_en: string | null;
  total: number;
  components: UnitResult['components'];
  bonus: number;
  deductions: number;
  rank: number;
  grade: string;
  base_grade: string;
  vetoed: boolean;
  explanation: UnitResult['explanation'];
}

export async function findUnitScores(db: Queryable, runId: number, unitId?: number): Promise<UnitScoreRow[]> {
  return db.query<UnitScoreRow>(unitScoresSql('s.explanation', unitId), unitId ? [runId, unitId] : [runId]);
}

export type RankingRow = Omit<UnitScoreRow, 'explanation'>;

/** A run's lines without their explanations, which rankings do not show (a province's run holds 1,400 of them). */
export async function findRankingRows(db: Queryable, runId: number, unitId?: number): Promise<RankingRow[]> {
  return db.query<RankingRow>(unitScoresSql('', unitId), unitId ? [runId, unitId] : [runId]);
}

const unitScoresSql = (extra: string, unitId?: number) =>
  `select s.run_id, s.unit_id, s.group_code, s.total, s.components, s.bonus, s.deductions, s.rank, s.grade, s.base_grade, s.vetoed${extra ? `, ${extra}` : ''},
          u.code as unit_code, u.name as unit_name, g.name as group_name, g.name_en as group_name_en
     from unit_scores s join units u on u.id = s.unit_id join unit_groups g on g.code = s.group_code
    where s.run_id = $1 ${unitId ? 'and s.unit_id = $2' : ''}
    order by g.sort_order, s.rank, u.code`;

export interface IndicatorScoreRow {
  unit_id: number;
  indicator_id: number;
  code: string;
  name: string;
  component: string;
  max_points: number;
  points: number;
  actual: number | null;
  target: number | null;
  lag: number | null;
  last_year: number | null;
  /** Only in results stored before explanations were rebuilt on read. */
  explanation: IndicatorResult['explanation'] | null;
}

/**
 * A run's indicator results (of one unit, or of all), unnested from the units' rows: by unit in the
 * scheme's order, or — for the 时序进度 view — only those with a lag, by indicator, most lagging first.
 */
export async function findIndicatorScores(db: Queryable, runId: number, unitId?: number, progressOnly = false): Promise<IndicatorScoreRow[]> {
  return db.query<IndicatorScoreRow>(
    `select s.unit_id, r.indicator_id, i.code, i.name, i.component, i.points as max_points, r.points, r.actual, r.target, r.lag, r.last_year, r.explanation
       from unit_scores s
            cross join lateral json_array_elements(s.indicators) e
            cross join lateral (select (e->>0)::int as indicator_id, (e->>1)::float8 as points, (e->>2)::float8 as actual, (e->>3)::float8 as target,
                                       (e->>4)::float8 as lag, (e->>5)::float8 as last_year, e->6 as explanation) r
            join indicators i on i.id = r.indicator_id
      where s.run_id = $1 ${unitId ? 'and s.unit_id = $2' : ''} ${progressOnly ? 'and r.lag is not null' : ''}
      order by ${progressOnly ? 'i.sort_order, r.lag' : 's.unit_id, i.sort_order'}`,
    unitId ? [runId, unitId] : [runId],
  );
}

// ---------- runs that could not score ----------

export interface RunFailureRow {
  id: number;
  as_of: string;
  trigger: string;
  problems: unknown[];
  created_at: Date;
}

/** Keeps a scheduled run's failure once per scheme, date and trigger; true when this call stored it (first time). */
export async function insertRunFailure(db: Queryable, f: { schemeId: number; asOf: string; trigger: string; problems: unknown[] }): Promise<boolean> {
  const rows = await db.query(
    `insert into score_run_failures (scheme_id, as_of, trigger, problems) values ($1, $2, $3, $4::jsonb)
     on conflict (scheme_id, as_of, trigger) do nothing returning id`,
    [f.schemeId, f.asOf, f.trigger, JSON.stringify(f.problems)],
  );
  return rows.length > 0;
}

/** The scheme's latest failure, when no run has been stored since. */
export async function findOpenFailure(db: Queryable, schemeId: number): Promise<RunFailureRow | undefined> {
  const [row] = await db.query<RunFailureRow>(
    `select f.id, to_char(f.as_of, 'YYYY-MM-DD') as as_of, f.trigger, f.problems, f.created_at
       from score_run_failures f
      where f.scheme_id = $1 and not exists (select 1 from score_runs r where r.scheme_id = f.scheme_id and r.created_at > f.created_at)
      order by f.created_at desc limit 1`,
    [schemeId],
  );
  return row;
}

/** Published schemes of `today`'s year (in the deployment's zone) without a scheduled run today. */
export function findSchemesDueForScheduledRun(db: Queryable, today: string): Promise<{ id: number; name: string }[]> {
  return db.query<{ id: number; name: string }>(
    `select s.id, s.name from schemes s
      where s.status = 'published' and s.year = $1
        and not exists (select 1 from score_runs r where r.scheme_id = s.id and r.trigger = 'schedule' and r.as_of = $2::date)`,
    [Number(today.slice(0, 4)), today],
  );
}

/** How many units share a group in a run (the size of the group a rank is out of). */
export async function countGroupUnits(db: Queryable, runId: number, groupCode: string | null): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from unit_scores where run_id = $1 and group_code = $2', [runId, groupCode]);
  return row?.n ?? 0;
}

/** Each run's total and rank of the units (of one unit when `unitId` is given), oldest first; bulletin runs left out. */
export function findTrend(db: Queryable, schemeId: number, unitId?: number): Promise<{ as_of: string; run_id: number; unit_id: number; total: number; rank: number }[]> {
  return db.query<{ as_of: string; run_id: number; unit_id: number; total: number; rank: number }>(
    `select to_char(r.as_of, 'YYYY-MM-DD') as as_of, r.id as run_id, s.unit_id, s.total, s.rank
       from score_runs r join unit_scores s on s.run_id = r.id
      where r.scheme_id = $1 and r.trigger <> 'bulletin' ${unitId !== undefined ? 'and s.unit_id = $2' : ''}
      order by r.as_of, r.id, s.unit_id`,
    unitId !== undefined ? [schemeId, unitId] : [schemeId],
  );
}
