import type { CorrectionStatus } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import type { LeafRules } from './entry-checks.js';

export interface PeriodRow {
  id: number;
  scheme_id: number;
  frequency: string;
  key: string;
  label: string;
  start_date: string;
  end_date: string;
  status: 'pending' | 'open' | 'closed' | 'locked';
}

// Dates travel as ISO text so both drivers agree.
const PERIOD_COLS = `id, scheme_id, frequency, key, label, to_char(start_date, 'YYYY-MM-DD') as start_date, to_char(end_date, 'YYYY-MM-DD') as end_date, status`;

export async function findPeriods(db: Queryable, schemeId: number, frequency?: string): Promise<PeriodRow[]> {
  return db.query<PeriodRow>(
    `select ${PERIOD_COLS} from periods where scheme_id = $1 ${frequency ? 'and frequency = $2' : ''} order by start_date, frequency`,
    frequency ? [schemeId, frequency] : [schemeId],
  );
}

export async function findPeriod(db: Queryable, id: number): Promise<PeriodRow | undefined> {
  const [row] = await db.query<PeriodRow>(`select ${PERIOD_COLS} from periods where id = $1`, [id]);
  return row;
}

export async function setPeriodStatus(db: Queryable, ids: number[], status: PeriodRow['status']): Promise<void> {
  await db.query(`update periods set status = $1 where id = any($2::int[])`, [status, ids]);
}

/** A leaf indicator that applies to a unit, with its target and last year's value for that unit. */
export interface LeafForUnit extends LeafRules {
  id: number;
  points: number;
  direction: string;
  frequency: string;
  data_source_unit_id: number | null;
  target: number | null;
  last_year: number | null;
}

/** The leaves a unit reports (or has reported for it by a data-source unit); project-fed leaves are not reported. */
export async function findLeavesForUnit(db: Queryable, schemeId: number, unitId: number, frequency?: string): Promise<LeafForUnit[]> {
  return db.query<LeafForUnit>(
    `select i.id, i.code, i.name, i.points, i.unit_label, i.direction, i.frequency, i.method, i.data_source_unit_id,
            i.value_min, i.value_max, i.value_decimals, t.target, ly.value as last_year
       from indicators i
       join units u on u.id = $2
       join unit_groups g on g.id = u.group_id
       left join indicator_targets t on t.indicator_id = i.id and t.unit_id = u.id
       left join indicator_last_year ly on ly.indicator_id = i.id and ly.unit_id = u.id
      where i.scheme_id = $1 and i.is_leaf and not i.fed_by_project and i.groups ? g.code ${frequency ? 'and i.frequency = $3' : ''}
      order by i.sort_order`,
    frequency ? [schemeId, unitId, frequency] : [schemeId, unitId],
  );
}

/** A unit's code and name, for messages that name it. */
export async function findUnitName(db: Queryable, unitId: number): Promise<{ code: string; name: string } | undefined> {
  const [row] = await db.query<{ code: string; name: string }>('select code, name from units where id = $1', [unitId]);
  return row;
}

export interface ValueRow {
  id: number;
  indicator_id: number;
  unit_id: number;
  period_id: number;
  value: number | null;
  grade: string | null;
  events: unknown[] | null;
  note: string | null;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  return_reason: string | null;
}

export async function findValues(db: Queryable, unitId: number, periodId: number): Promise<ValueRow[]> {
  return db.query<ValueRow>('select * from data_values where unit_id = $1 and period_id = $2', [unitId, periodId]);
}

export async function findValueById(db: Queryable, id: number): Promise<ValueRow | undefined> {
  const [row] = await db.query<ValueRow>('select * from data_values where id = $1', [id]);
  return row;
}

export interface ValueInput {
  value: number | null;
  grade: string | null;
  events: unknown[] | null;
  note: string | null;
}

export async function upsertValue(
  db: Queryable,
  key: { indicatorId: number; unitId: number; periodId: number },
  v: ValueInput,
  status: ValueRow['status'],
  userId: number | null,
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into data_values (indicator_id, unit_id, period_id, value, grade, events, note, status, entered_by, entered_at)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, now())
     on conflict (indicator_id, unit_id, period_id) do update
       set value = excluded.value, grade = excluded.grade, events = excluded.events, note = excluded.note,
           status = excluded.status, entered_by = excluded.entered_by, entered_at = now(), return_reason = null
     returning id`,
    [key.indicatorId, key.unitId, key.periodId, v.value, v.grade, v.events === null ? null : JSON.stringify(v.events), v.note, status, userId],
  );
  return row!.id;
}

export async function setValueStatus(
  db: Queryable,
  ids: number[],
  status: ValueRow['status'],
  userId: number | null,
  reason: string | null = null,
): Promise<void> {
  const col = status === 'submitted' ? 'submitted' : 'reviewed';
  await db.query(
    `update data_values set status = $1, return_reason = $2, ${col}_by = $3, ${col}_at = now() where id = any($4::int[])`,
    [status, reason, userId, ids],
  );
}

export async function overwriteValue(db: Queryable, id: number, v: ValueInput): Promise<void> {
  await db.query(`update data_values set value = $1, grade = $2, events = $3::jsonb, note = $4 where id = $5`, [
    v.value,
    v.grade,
    v.events === null ? null : JSON.stringify(v.events),
    v.note,
    id,
  ]);
}

// ---------- last year's values (上年值) ----------

/** A leaf with what the last-year table needs: its scheme's status, its groups and data source. */
export interface LastYearLeaf extends LeafRules {
  id: number;
  scheme_id: number;
  scheme_status: string;
  groups: string[];
  data_source_unit_id: number | null;
}

/** A published (or archived) scheme's leaf by its code. */
export async function findLastYearLeaf(db: Queryable, schemeId: number, code: string): Promise<LastYearLeaf | undefined> {
  const [row] = await db.query<LastYearLeaf>(
    `select i.id, i.scheme_id, s.status as scheme_status, i.code, i.name, i.unit_label, i.method, i.groups, i.data_source_unit_id,
            i.value_min, i.value_max, i.value_decimals
       from indicators i join schemes s on s.id = i.scheme_id
      where i.scheme_id = $1 and i.code = $2 and i.is_leaf`,
    [schemeId, code],
  );
  return row;
}

export interface LastYearRow {
  unit_id: number;
  unit_code: string;
  unit_name: string;
  value: number | null;
  source: 'scheme' | 'entered' | null;
}

/** Every active unit the leaf applies to, with its last-year value where one is kept. */
export async function findLastYearRows(db: Queryable, leaf: Pick<LastYearLeaf, 'id' | 'groups'>): Promise<LastYearRow[]> {
  return db.query<LastYearRow>(
    `select u.id as unit_id, u.code as unit_code, u.name as unit_name, ly.value, ly.source
       from units u join unit_groups g on g.id = u.group_id
       left join indicator_last_year ly on ly.indicator_id = $1 and ly.unit_id = u.id
      where u.active and g.code = any($2::text[])
      order by g.sort_order, u.code`,
    [leaf.id, leaf.groups],
  );
}

export async function upsertLastYear(db: Queryable, indicatorId: number, unitId: number, value: number, userId: number | null): Promise<void> {
  await db.query(
    `insert into indicator_last_year (indicator_id, unit_id, value, source, updated_by) values ($1, $2, $3, 'entered', $4)
     on conflict (indicator_id, unit_id) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()
      where indicator_last_year.source = 'entered'`,
    [indicatorId, unitId, value, userId],
  );
}

export async function deleteLastYear(db: Queryable, indicatorId: number, unitId: number): Promise<void> {
  await db.query(`delete from indicator_last_year where indicator_id = $1 and unit_id = $2 and source = 'entered'`, [indicatorId, unitId]);
}

/**
 * What a unit (alias `u`) owes in a period (alias `pe`): the leaves of its group reported at the
 * period's frequency that it reports itself (not fed by a project, not supplied by another unit),
 * each with its value (alias `v`) if any.
 */
const OWED = `join unit_groups g on g.id = u.group_id
  join indicators i on i.scheme_id = pe.scheme_id and i.is_leaf and not i.fed_by_project and i.frequency = pe.frequency and i.groups ? g.code
                   and (i.data_source_unit_id is null or i.data_source_unit_id = u.id)
  left join data_values v on v.indicator_id = i.id and v.unit_id = u.id and v.period_id = pe.id`;

const TALLY = `count(i.id)::int as expected,
  count(v.id) filter (where v.status in ('submitted', 'approved'))::int as filed,
  count(v.id) filter (where v.status = 'draft')::int as drafts,
  count(v.id) filter (where v.status = 'returned')::int as returned`;

export interface FilingTally {
  expected: number;
  filed: number;
  drafts: number;
  returned: number;
}

/** Open periods of published schemes in which a unit has not filed (submitted or approved) every value it owes. */
export async function findOwedPeriods(db: Queryable, unitId: number): Promise<(FilingTally & { scheme_id: number; period_id: number; label: string; end_date: string })[]> {
  return db.query(
    `select pe.scheme_id, pe.id as period_id, pe.label, to_char(pe.end_date, 'YYYY-MM-DD') as end_date, ${TALLY}
       from periods pe
       join schemes s on s.id = pe.scheme_id and s.status = 'published'
       join units u on u.id = $1
       ${OWED}
      where pe.status = 'open'
      group by pe.scheme_id, pe.id, pe.label, pe.end_date
     having count(v.id) filter (where v.status in ('submitted', 'approved')) < count(i.id)
      order by pe.end_date`,
    [unitId],
  );
}

/** Every active unit owing values in one period, with what it has filed; units owing nothing are left out. */
export async function findFilingByUnit(db: Queryable, periodId: number): Promise<(FilingTally & { unit_id: number; unit_code: string; unit_name: string })[]> {
  return db.query(
    `select u.id as unit_id, u.code as unit_code, u.name as unit_name, ${TALLY}
       from periods pe
       join units u on u.active
       ${OWED}
      where pe.id = $1
      group by u.id, u.code, u.name
      order by count(v.id) filter (where v.status in ('submitted', 'approved'))::float / count(i.id), u.code`,
    [periodId],
  );
}

/** An indicator's code, as the audit log names it. */
export async function findIndicatorCode(db: Queryable, indicatorId: number): Promise<{ code: string } | undefined> {
  const [row] = await db.query<{ code: string }>('select code from indicators where id = $1', [indicatorId]);
  return row;
}

export interface CorrectionRow {
  id: number;
  data_value_id: number;
  status: CorrectionStatus;
  reason: string;
  new_value: number | null;
  new_grade: string | null;
  new_events: unknown[] | null;
  new_note: string | null;
}

export async function insertCorrection(
  db: Queryable,
  c: { valueId: number; value: number | null; grade: string | null; events: unknown[] | null; note: string | null; reason: string; requestedBy: number | null },
): Promise<{ id: number }> {
  const [row] = await db.query<{ id: number }>(
    `insert into corrections (data_value_id, new_value, new_grade, new_events, new_note, reason, requested_by)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7) returning id`,
    [c.valueId, c.value, c.grade, c.events ? JSON.stringify(c.events) : null, c.note, c.reason, c.requestedBy],
  );
  return row!;
}

export async function findCorrection(db: Queryable, id: number): Promise<CorrectionRow | undefined> {
  const [row] = await db.query<CorrectionRow>('select * from corrections where id = $1', [id]);
  return row;
}

export async function decideCorrection(db: Queryable, id: number, status: CorrectionStatus, userId: number | null, note: string | null): Promise<void> {
  await db.query('update corrections set status = $1, decided_by = $2, decided_at = now(), decision_note = $3 where id = $4', [status, userId, note, id]);
}
