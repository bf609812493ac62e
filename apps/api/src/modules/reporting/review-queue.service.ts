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
  unitId: number;
  unitCode: string;
  unitName: string;
  /** Values of the unit-period the caller may decide on that are submitted. */
  submitted: number;
  submittedAt: string | null;
}

/**
 * What awaits review: the office sees every submitted unit-period; a data-source unit sees those
 * with submitted values of the indicators it supplies. Oldest submissions first.
 */
export async function findReviewQueue(db: Database, p: Principal, filter: { schemeId?: number; periodId?: number }): Promise<ReviewQueueItem[]> {
  const isOffice = reportingPolicies.reviewAll(p);
  if (!isOffice && p.role !== 'datasource') throw forbidden('只有绩效办或数据来源单位可以审核 / only the office or the data source reviews');
  if (!isOffice && !p.unitId) return [];
  const params: unknown[] = [];
  const where = [`v.status = 'submitted'`, `pe.status <> 'locked'`];
  if (!isOffice) {
    params.push(p.unitId);
    where.push(`i.data_source_unit_id = $${params.length}`);
  }
  if (filter.schemeId) {
    params.push(filter.schemeId);
    where.push(`pe.scheme_id = $${params.length}`);
  }
  if (filter.periodId) {
    params.push(filter.periodId);
    where.push(`pe.id = $${params.length}`);
  }
  const rows = await db.query<{
    scheme_id: number;
    period_id: number;
    key: string;
    label: string;
    period_status: string;
    unit_id: number;
    unit_code: string;
    unit_name: string;
    submitted: number;
    submitted_at: Date | string | null;
  }>(
    `select pe.scheme_id, pe.id as period_id, pe.key, pe.label, pe.status as period_status,
            u.id as unit_id, u.code as unit_code, u.name as unit_name,
            count(v.id)::int as submitted, max(v.submitted_at) as submitted_at
       from data_values v
       join periods pe on pe.id = v.period_id
       join indicators i on i.id = v.indicator_id
       join units u on u.id = v.unit_id
      where ${where.join(' and ')}
      group by pe.scheme_id, pe.id, pe.key, pe.label, pe.status, pe.start_date, u.id, u.code, u.name
      order by max(v.submitted_at) nulls first, pe.start_date, u.code
      limit 500`,
    params,
  );
  return rows.map((r) => ({
    schemeId: r.scheme_id,
    periodId: r.period_id,
    periodKey: r.key,
    periodLabel: r.label,
    periodStatus: r.period_status,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    submitted: r.submitted,
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
  }));
}

/** A correction request with what it would change, for the office to decide. */
export interface CorrectionListItem {
  id: number;
  status: 'pending' | 'approved' | 'rejected';
  reason: string;
  requestedBy: string | null;
  requestedAt: string;
  decisionNote: string | null;
  dataValueId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  indicatorCode: string;
  indicatorName: string;
  periodId: number;
  periodLabel: string;
  current: { value: number | null; grade: string | null; note: string | null };
  proposed: { value: number | null; grade: string | null; note: string | null };
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
