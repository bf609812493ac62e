import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';
import { scheduleFrom } from '../tasks/tasks.repository.js';

/** What the overview needs of one task or problem: its unit, leader, dates and state. */
export interface ItemRow {
  id: number;
  title: string;
  unit_id: number;
  responsible_leader: string;
  start_date: string;
  deadline: string;
  status: string;
  /** Tasks: the reported completion; problems: the share of requirements done (computed by the service). */
  progress: number | null;
  returned: boolean;
  last_action_at: Date | null;
  /** When the unit took the item on: a task's first step into 办理中; a problem's start date. */
  schedule_from: Date | string | null;
  closed_at: Date | null;
}

export interface ProblemItemRow extends ItemRow {
  requirements_total: number;
  requirements_done: number;
}

export interface ItemFilter {
  from?: string;
  to?: string;
  source?: string;
  unitId?: number;
}

/** Issued tasks (a draft or one awaiting the leader's review is not yet anyone's work), by lead unit. */
export async function findTaskItems(db: Queryable, f: ItemFilter): Promise<ItemRow[]> {
  const w = new SqlWhere()
    .add('x.deadline >= ?::date', f.from)
    .add('x.deadline <= ?::date', f.to)
    .add('x.source = ?', f.source)
    .add('x.lead_unit_id = ?', f.unitId);
  return db.query<ItemRow>(
    `select x.id, x.title, x.lead_unit_id as unit_id, x.responsible_leader,
            to_char(x.start_date, 'YYYY-MM-DD') as start_date, to_char(x.deadline, 'YYYY-MM-DD') as deadline,
            x.status, x.progress, x.returned, x.last_action_at, ${scheduleFrom('x')}, x.closed_at
       from tasks x
      where x.status not in ('draft', 'review')${w.andSql}
      order by x.deadline, x.id`,
    w.params,
  );
}

/** Problems on the ledger, by responsible unit, with their checklist counts. */
export async function findProblemItems(db: Queryable, f: ItemFilter): Promise<ProblemItemRow[]> {
  const w = new SqlWhere()
    .add('x.deadline >= ?::date', f.from)
    .add('x.deadline <= ?::date', f.to)
    .add('x.source = ?', f.source)
    .add('x.unit_id = ?', f.unitId);
  return db.query<ProblemItemRow>(
    `select x.id, x.title, x.unit_id, x.responsible_leader,
            to_char(x.start_date, 'YYYY-MM-DD') as start_date, to_char(x.deadline, 'YYYY-MM-DD') as deadline,
            x.status, null::real as progress, x.returned, x.last_action_at, to_char(x.start_date, 'YYYY-MM-DD') as schedule_from, x.closed_at,
            (select count(*)::int from problem_requirements r where r.problem_id = x.id) as requirements_total,
            (select count(*)::int from problem_requirements r where r.problem_id = x.id and r.done) as requirements_done
       from problems x
       ${w.sql}
      order by x.deadline, x.id`,
    w.params,
  );
}

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  group_code: string | null;
  group_name: string | null;
  group_name_en: string | null;
  group_order: number | null;
}

export async function findUnits(db: Queryable, ids: number[]): Promise<UnitRow[]> {
  if (!ids.length) return [];
  return db.query<UnitRow>(
    `select u.id, u.code, u.name, g.code as group_code, g.name as group_name, g.name_en as group_name_en, g.sort_order as group_order
       from units u left join unit_groups g on g.id = u.group_id
      where u.id = any($1::int[])
      order by g.sort_order nulls last, u.code`,
    [ids],
  );
}
