import type { CorrectionListItem } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import { forbidden } from '../../errors.js';
import type { Principal } from '../../lib/principal.js';
import { reportingPolicies } from './reporting.policy.js';

/** A unit-period with values waiting for the reviewer's decision. */
export interface ReviewQueueItem {
  schemeId: number;
  periodId: number;
  periodKey: string;
  periodLabel: string;
  periodStatus: string;
  frequency: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  /** Values of the unit-period the caller may decide on that are submitted. */
  submitted: number;
  /** The indicators of those values (what an approval of this line decides on). */
  indicatorIds: number[];
  submittedAt: string | null;
}

/** What the queue can be narrowed to: a scheme, a period or period type, an indicator, the unit that supplies the data ('self': the units' own reporting). */
export interface ReviewQueueFilter {
  schemeId?: number;
  periodId?: number;
  frequency?: string;
  indicatorId?: number;
  source?: number | 'self';
}

/** The conditions of the queue for a caller and filter; null when the caller can see nothing. */
function queueWhere(p: Principal, filter: ReviewQueueFilter): { where: string; params: unknown[] } | null {
  const isOffice = reportingPolicies.reviewAll(p);
  if (!isOffice && p.role !== 'datasource') throw forbidden('只有绩效办或数据来源单位可以审核 / only the office or the data source reviews');
  if (!isOffice && !p.unitId) return null;
  const params: unknown[] = [];
  const where = [`v.status = 'submitted'`, `pe.status <> 'locked'`];
  const add = (cond: string, value: unknown) => {
    params.push(value);
    where.push(cond.replace('?', `$${params.length}`));
  };
  if (!isOffice) add('i.data_source_unit_id = ?', p.unitId);
  if (filter.schemeId) add('pe.scheme_id = ?', filter.schemeId);
  if (filter.periodId) add('pe.id = ?', filter.periodId);
  if (filter.frequency) add('pe.frequency = ?', filter.frequency);
  if (filter.indicatorId) add('i.id = ?', filter.indicatorId);
  if (filter.source === 'self') where.push('i.data_source_unit_id is null');
  else if (filter.source) add('i.data_source_unit_id = ?', filter.source);
  return { where: where.join(' and '), params };
}

/**
 * What awaits review: the office sees every submitted unit-period; a data-source unit sees those
 * with submitted values of the indicators it supplies. Oldest submissions first. Filters narrow the
 * values counted (an indicator, a source), so `submitted` is what the filtered view would approve.
 */
export async function findReviewQueue(db: Database, p: Principal, filter: ReviewQueueFilter): Promise<ReviewQueueItem[]> {
  const q = queueWhere(p, filter);
  if (!q) return [];
  const rows = await db.query<{
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
  return rows.map((r) => ({
    schemeId: r.scheme_id,
    periodId: r.period_id,
    periodKey: r.key,
    periodLabel: r.label,
    periodStatus: r.period_status,
    frequency: r.frequency,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    submitted: r.submitted,
    indicatorIds: r.indicator_ids,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  }));
}

/** The queue counted by the unit that supplies the data (null: the units' own reporting): unit-periods waiting. */
export async function countReviewQueueBySource(db: Database, p: Principal, filter: ReviewQueueFilter): Promise<{ sourceUnitId: number | null; name: string | null; count: number }[]> {
  const q = queueWhere(p, filter);
  if (!q) return [];
  const rows = await db.query<{ source_unit_id: number | null; name: string | null; n: number }>(
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
  return rows.map((r) => ({ sourceUnitId: r.source_unit_id, name: r.name, count: r.n }));
}

/** Correction requests, newest first; by default those still pending. */
export async function listCorrections(db: Database, filter: { status?: CorrectionListItem['status']; schemeId?: number }): Promise<CorrectionListItem[]> {
  const params: unknown[] = [filter.status ?? 'pending'];
  let schemeClause = '';
  if (filter.schemeId) {
    params.push(filter.schemeId);
    schemeClause = `and pe.scheme_id = $${params.length}`;
  }
  const rows = await db.query<{
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
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: new Date(r.requested_at).toISOString(),
    decisionNote: r.decision_note,
    dataValueId: r.data_value_id,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    indicatorCode: r.indicator_code,
    indicatorName: r.indicator_name,
    periodId: r.period_id,
    periodLabel: r.period_label,
    current: { value: r.value, grade: r.grade, note: r.note },
    proposed: { value: r.new_value, grade: r.new_grade, note: r.new_note ?? r.note },
  }));
}

/** The queue as the review page reads it: the unit-periods, the indicators in them and the counts by data source. */
export async function reviewQueue(db: Database, p: Principal, filter: ReviewQueueFilter) {
  const { source: _source, ...unsourced } = filter;
  const [items, sources] = await Promise.all([findReviewQueue(db, p, filter), countReviewQueueBySource(db, p, unsourced)]);
  const ids = [...new Set(items.flatMap((i) => i.indicatorIds))];
  const indicators = ids.length
    ? await db.query<{ id: number; code: string; name: string }>('select id, code, name from indicators where id = any($1::int[]) order by code', [ids])
    : [];
  return { items, indicators, sources };
}
