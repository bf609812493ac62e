import type { CorrectionListItem } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import type { Principal } from '../../lib/principal.js';
import { reportingPolicies } from './reporting.policy.js';
import * as repo from './review-queue.repository.js';

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

/** The caller's part of the queue (list scope by policy; the route has authorized `review`): the office all of it, a data-source unit what it supplies; null when the caller can see nothing. */
function scopeOf(p: Principal, filter: ReviewQueueFilter): repo.QueueScope | null {
  if (reportingPolicies.reviewAll(p)) return filter;
  return p.unitId ? { ...filter, suppliedBy: p.unitId } : null;
}

/**
 * What awaits review: the office sees every submitted unit-period; a data-source unit sees those
 * with submitted values of the indicators it supplies. Oldest submissions first. Filters narrow the
 * values counted (an indicator, a source), so `submitted` is what the filtered view would approve.
 */
export async function findReviewQueue(db: Database, p: Principal, filter: ReviewQueueFilter): Promise<ReviewQueueItem[]> {
  const scope = scopeOf(p, filter);
  if (!scope) return [];
  const rows = await repo.findQueueRows(db, scope);
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
  const scope = scopeOf(p, filter);
  if (!scope) return [];
  const rows = await repo.countQueueBySource(db, scope);
  return rows.map((r) => ({ sourceUnitId: r.source_unit_id, name: r.name, count: r.n }));
}

/** Correction requests, newest first; by default those still pending. */
export async function listCorrections(db: Database, filter: { status?: CorrectionListItem['status']; schemeId?: number }): Promise<CorrectionListItem[]> {
  const rows = await repo.findCorrectionRows(db, { status: filter.status ?? 'pending', ...(filter.schemeId ? { schemeId: filter.schemeId } : {}) });
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
    ? await repo.findIndicatorNames(db, ids)
    : [];
  return { items, indicators, sources };
}
