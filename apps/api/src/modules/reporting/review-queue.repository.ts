import type { CorrectionListItem } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';

/**
 * What the review queue is narrowed to, once the caller's scope is decided (review-queue.service):
 * a scheme, a period or period type, an indicator, the unit that supplies the data ('self': the
 * units' own reporting), and for a data-source unit the indicators it supplies.
 */
export interface QueueScope {
  schemeId?: number;
  periodId?: number;
  frequency?: string;
  indicatorId?: number;
  source?: number | 'self';
  /** A data-source unit reviews only the indicators it supplies. */
  suppliedBy?: number;
}

/** Submitted values in periods not locked, narrowed by the scope. */
function queueWhere(scope: QueueScope): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = [`v.status = 'submitted'`, `pe.status <> 'locked'`];
  const add = (cond: string, value: unknown) => {
    params.push(value);
    where.push(cond.replace('?', `$${params.length}`));
  };
  if (scope.suppliedBy !== undefined) add('i.data_source_unit_id = ?', scope.suppliedBy);
  if (scope.schemeId) add('pe.scheme_id = ?', scope.schemeId);
  if (scope.periodId) add('pe.id = ?', scope.periodId);
  if (scope.frequency) add('pe.frequency = ?', scope.frequency);
  if (scope.indicatorId) add('i.id = ?', scope.indicatorId);
  if (scope.source === 'self') where.push('i.data_source_unit_id is null');
  else if (scope.source) add('i.data_source_unit_id = ?', scope.source);
  return { where: where.join(' and '), params };
}

/** Unit-periods with submitted values, oldest submissions first (at most 2,000). */
export function findQueueRows(db: Queryable, scope: QueueScope) {
  const q = queueWhere(scope);
  return db.query<{
    scheme_id: number;
    period_id: number;
    key: string;
    label: string;
    period_status: string;
    frequency: string;
    unit_id: number;
    unit_code: string;
    unit_name: string;
    submitted: number;
    indicator_ids: number[];
    submitted_at: Date | string | null;
  }>(
    `select pe.scheme_id, pe.id as period_id, pe.key, pe.label, pe.status as period_status, pe.frequency,
            u.id as unit_id, u.code as unit_code, u.name as unit_name,
            count(v.id)::int as submitted, array_agg(i.id order by i.id) as indicator_ids, max(v.submitted_at) as submitted_at
       from data_values v
       join periods pe on pe.id = v.period_id
       join indicators i on i.id = v.indicator_id
       join units u on u.id = v.unit_id
      where ${q.where}
      group by pe.scheme_id, pe.id, pe.key, pe.label, pe.status, pe.frequency, pe.start_date, u.id, u.code, u.name
      order by max(v.submitted_at) nulls first, pe.start_date, u.code
      limit 2000`,
    q.params,
  );
}

/** The queue counted by the unit that supplies the data (null: the units' own reporting). */
export function countQueueBySource(db: Queryable, scope: QueueScope) {
  const q = queueWhere(scope);
  return db.query<{ source_unit_id: number | null; name: string | null; n: number }>(
    `select i.data_source_unit_id as source_unit_id, s.name, count(distinct (v.unit_id, v.period_id))::int as n
       from data_values v
       join periods pe on pe.id = v.period_id
       join indicators i on i.id = v.indicator_id
       left join units s on s.id = i.data_source_unit_id
      where ${q.where}
      group by i.data_source_unit_id, s.name
      order by n desc, s.name nulls first`,
    q.params,
  );
}

/** Correction requests of a status (and scheme), newest first (at most 500). */
export function findCorrectionRows(db: Queryable, filter: { status: CorrectionListItem['status']; schemeId?: number }) {
  const params: unknown[] = [filter.status];
  let schemeClause = '';
  if (filter.schemeId) {
    params.push(filter.schemeId);
    schemeClause = `and pe.scheme_id = $${params.length}`;
  }
  return db.query<{
    id: number;
    status: CorrectionListItem['status'];
    reason: string;
    requested_by: string | null;
    requested_at: Date | string;
    decision_note: string | null;
    data_value_id: number;
    unit_id: number;
    unit_code: string;
    unit_name: string;
    indicator_code: string;
    indicator_name: string;
    period_id: number;
    period_label: string;
    value: number | null;
    grade: string | null;
    note: string | null;
    new_value: number | null;
    new_grade: string | null;
    new_note: string | null;
  }>(
    `select c.id, c.status, c.reason, us.display_name as requested_by, c.requested_at, c.decision_note, c.data_value_id,
            u.id as unit_id, u.code as unit_code, u.name as unit_name, i.code as indicator_code, i.name as indicator_name,
            pe.id as period_id, pe.label as period_label, v.value, v.grade, v.note, c.new_value, c.new_grade, c.new_note
       from corrections c
       join data_values v on v.id = c.data_value_id
       join indicators i on i.id = v.indicator_id
       join periods pe on pe.id = v.period_id
       join units u on u.id = v.unit_id
       left join users us on us.id = c.requested_by
      where c.status = $1 ${schemeClause}
      order by c.requested_at desc, c.id desc
      limit 500`,
    params,
  );
}

export const findIndicatorNames = (db: Queryable, ids: number[]) => db.query<{ id: number; code: string; name: string }>('select id, code, name from indicators where id = any($1::int[]) order by code', [ids]);
