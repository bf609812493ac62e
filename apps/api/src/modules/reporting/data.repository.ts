import type { Queryable } from '../../db/database.js';

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

/** A leaf indicator that applies to a unit, with its target for that unit. */
export interface LeafForUnit {
  id: number;
  code: string;
  name: string;
  points: number;
  unit_label: string | null;
  direction: string;
  frequency: string;
  method: { method: string } & Record<string, unknown>;
  data_source_unit_id: number | null;
  target: number | null;
}

/** The leaves a unit reports (or has reported for it by a data-source unit); project-fed leaves are not reported. */
export async function findLeavesForUnit(db: Queryable, schemeId: number, unitId: number, frequency?: string): Promise<LeafForUnit[]> {
  return db.query<LeafForUnit>(
    `select i.id, i.code, i.name, i.points, i.unit_label, i.direction, i.frequency, i.method, i.data_source_unit_id, t.target
       from indicators i
       join units u on u.id = $2
       join unit_groups g on g.id = u.group_id
       left join indicator_targets t on t.indicator_id = i.id and t.unit_id = u.id
      where i.scheme_id = $1 and i.is_leaf and not i.fed_by_project and i.groups ? g.code ${frequency ? 'and i.frequency = $3' : ''}
      order by i.sort_order`,
    frequency ? [schemeId, unitId, frequency] : [schemeId, unitId],
  );
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
