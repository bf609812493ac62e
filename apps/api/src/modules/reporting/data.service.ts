import type { z } from 'zod';
import { isEventMethod, type CorrectionDto, type correctionRequestSchema, type DueItem, type Grid, type gridSaveSchema, type RecordedEvent, type reviewSchema } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, forbidden, notFound, refused } from '../../errors.js';
import { decide } from '../../lib/flow-table.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import * as repo from './data.repository.js';
import { countEvidenceOfGrid } from './evidence.repository.js';
import { CORRECTION_FLOW, CORRECTION_PERIODS, PERIOD_ACTION_OF, PERIOD_FLOW, requirePeriodFor, VALUE_FLOW, valueAllows } from './flow.js';
import { cellProblem, dataProblem, limitsOf, refuseCells, type CellPlace, type DataProblem } from './entry-checks.js';
import { reportingPolicies } from './reporting.policy.js';

export type { Grid, GridRow } from '@kaoping/shared';

/** Leaves the caller works on for a unit: all for the unit and the offices, the sourced ones for a data-source unit. */
function visibleLeaves(p: Principal, unitId: number, leaves: repo.LeafForUnit[]): repo.LeafForUnit[] {
  if (reportingPolicies.readUnit(p, { unitId })) return leaves;
  const sourced = leaves.filter((l) => reportingPolicies.readValue(p, { unitId, sourceUnitId: l.data_source_unit_id }));
  if (!sourced.length) throw forbidden('只能查看本单位的数据 / You can only see your own unit’s data');
  return sourced;
}

// A unit enters only what it reports itself; an indicator with another source is filled by that source.
const mayEnter = (p: Principal, unitId: number, leaf: repo.LeafForUnit): boolean => reportingPolicies.enterValue(p, { unitId, sourceUnitId: leaf.data_source_unit_id });

export async function loadPeriod(db: Queryable, periodId: number): Promise<repo.PeriodRow> {
  const period = await repo.findPeriod(db, periodId);
  if (!period) throw notFound('填报期 / Period');
  return period;
}

/** The unit and period of a cell, as messages name them. */
export async function cellPlace(db: Queryable, unitId: number, period: repo.PeriodRow): Promise<CellPlace> {
  const unit = (await repo.findUnitName(db, unitId)) ?? { code: String(unitId), name: `#${unitId}` };
  return { unit, period: { key: period.key, label: period.label } };
}

/** The limits a grid row shows for its number input. */
function numberLimits(leaf: repo.LeafForUnit): { min: number; max: number; decimals: number | null } {
  const { min, max, decimals } = limitsOf(leaf);
  return { min, max, decimals };
}

export async function getGrid(db: Database, p: Principal, unitId: number, periodId: number): Promise<Grid> {
  const period = await loadPeriod(db, periodId);
  const leaves = visibleLeaves(p, unitId, await repo.findLeavesForUnit(db, period.scheme_id, unitId, period.frequency));
  const values = new Map((await repo.findValues(db, unitId, periodId)).map((v) => [v.indicator_id, v]));
  const evidence = new Map((await countEvidenceOfGrid(db, unitId, periodId)).map((r) => [r.data_value_id, r.n]));
  return {
    period: { id: period.id, key: period.key, label: period.label, start: period.start_date, end: period.end_date, status: period.status, schemeId: period.scheme_id },
    unitId,
    rows: leaves.map((l) => {
      const v = values.get(l.id);
      const status = v?.status ?? 'empty';
      return {
        indicator: { id: l.id, code: l.code, name: l.name, points: l.points, unitLabel: l.unit_label, direction: l.direction, method: l.method.method, dataSourceUnitId: l.data_source_unit_id },
        target: l.target,
        lastYear: l.last_year,
        limits: l.method.method === 'grade' || isEventMethod(l.method.method) ? null : numberLimits(l),
        valueId: v?.id ?? null,
        value: v?.value ?? null,
        grade: v?.grade ?? null,
        events: (v?.events as RecordedEvent[] | null | undefined) ?? null,
        note: v?.note ?? null,
        status,
        returnReason: v?.return_reason ?? null,
        evidenceCount: v ? (evidence.get(v.id) ?? 0) : 0,
        canEdit: period.status === 'open' && (status === 'empty' || status === 'draft' || status === 'returned') && mayEnter(p, unitId, l),
      };
    }),
  };
}

const snapshot = (v: repo.ValueRow | undefined) => (v ? { value: v.value, grade: v.grade, events: v.events, note: v.note, status: v.status } : null);

/** Saves grid cells as drafts (a data-source unit's entries go straight to review); all cells or none. */
export async function saveGrid(db: Database, p: Principal, input: z.infer<typeof gridSaveSchema>, ctx: AuditContext): Promise<Grid> {
  await db.transaction(async (tx) => {
    const period = await loadPeriod(tx, input.periodId);
    const action = p.role === 'datasource' ? 'supply' : 'save';
    requirePeriodFor(action, period);
    const leaves = new Map((await repo.findLeavesForUnit(tx, period.scheme_id, input.unitId, period.frequency)).map((l) => [l.id, l]));
    const existing = new Map((await repo.findValues(tx, input.unitId, input.periodId)).map((v) => [v.indicator_id, v]));
    const place = await cellPlace(tx, input.unitId, period);
    const problems: DataProblem[] = [];
    for (const [i, e] of input.values.entries()) {
      const leaf = leaves.get(e.indicatorId);
      if (!leaf) throw new AppError('VALIDATION_FAILED', `body.values[${i}].indicatorId: 指标 ${e.indicatorId} 不属于本单位本期 / not an indicator of this unit and period`, [{ path: `body.values[${i}].indicatorId`, message: 'not in this grid' }]);
      if (!mayEnter(p, input.unitId, leaf)) throw forbidden(`无权填报指标 ${leaf.code}（${leaf.name}）/ you may not enter this indicator`);
      const problem = cellProblem(leaf, e);
      if (problem) problems.push(dataProblem(leaf, place, e, problem));
    }
    if (problems.length) throw refuseCells(problems);
    for (const e of input.values) {
      const leaf = leaves.get(e.indicatorId)!;
      const before = existing.get(e.indicatorId);
      const state = before?.status ?? 'empty';
      const status = decide(VALUE_FLOW, state, action, () => `指标 ${leaf.code} 的数据${state === 'approved' ? '已审核' : '已提交'}，不能再改 / already ${state}`, {
        p,
        context: { unitId: input.unitId, sourceUnitId: leaf.data_source_unit_id },
      }) as repo.ValueRow['status'];
      const v: repo.ValueInput = { value: e.value ?? null, grade: e.grade ?? null, events: e.events ?? null, note: e.note ?? null };
      const id = await repo.upsertValue(tx, { indicatorId: e.indicatorId, unitId: input.unitId, periodId: input.periodId }, v, status, p.userId);
      await recordAudit(tx, ctx, { action: 'data.save', entity: 'data_value', entityId: id, unitId: input.unitId, before: snapshot(before), after: { ...v, status, indicator: leaf.code, period: period.key } });
    }
  });
  return getGrid(db, p, input.unitId, input.periodId);
}

/** The unit head submits the unit's own indicators for the period; every one must be filled. */
export async function submitUnitPeriod(db: Database, p: Principal, unitId: number, periodId: number, ctx: AuditContext): Promise<Grid> {
  await db.transaction(async (tx) => {
    const period = await loadPeriod(tx, periodId);
    requirePeriodFor('submit', period);
    const own = (await repo.findLeavesForUnit(tx, period.scheme_id, unitId, period.frequency)).filter((l) => l.data_source_unit_id === null || l.data_source_unit_id === unitId);
    const values = new Map((await repo.findValues(tx, unitId, periodId)).map((v) => [v.indicator_id, v]));
    // Bonus and veto items are recorded only when something happened; every other indicator must be filled.
    const missing = own.filter((l) => !values.has(l.id) && l.method.method !== 'bonus' && l.method.method !== 'veto');
    if (missing.length) {
      // A 扣分 row with nothing to report is confirmed as 本期无事项 in one step (POST /api/data/no-events).
      const events = missing.some((l) => isEventMethod(l.method.method)) ? '；扣分类指标本期无事项的，请确认“本期无事项” / confirm “nothing to report” on deduction rows' : '';
      throw refused('INCOMPLETE', `还有 ${missing.length} 项指标未填写：${missing.slice(0, 5).map((l) => `${l.code} ${l.name}`).join('、')}${events} / fill every indicator before submitting`, { missing: missing.map((l) => l.code) });
    }
    const toSubmit = own.flatMap((l) => values.get(l.id) ?? []).filter((v) => valueAllows(v.status, 'submit'));
    if (!toSubmit.length) throw refused('NOTHING_TO_DO', '没有待提交的数据 / nothing to submit');
    await repo.setValueStatus(tx, toSubmit.map((v) => v.id), 'submitted', p.userId);
    await recordAudit(tx, ctx, { action: 'data.submit', entity: 'data_period', entityId: `${unitId}:${periodId}`, unitId, after: { period: period.key, values: toSubmit.length } });
  });
  return getGrid(db, p, unitId, periodId);
}

/** The office (or the data-source unit, for what it supplies) approves submitted values or returns them with a reason. */
export async function reviewUnitPeriod(db: Database, p: Principal, input: z.infer<typeof reviewSchema>, ctx: AuditContext): Promise<Grid> {
  await db.transaction((tx) => reviewInTransaction(tx, p, input, ctx));
  return getGrid(db, p, input.unitId, input.periodId);
}

/** One unit-period's decision inside the caller's transaction; every check comes before the first write. Returns the values decided. */
async function reviewInTransaction(tx: Queryable, p: Principal, input: z.infer<typeof reviewSchema>, ctx: AuditContext): Promise<number> {
  const isOffice = reportingPolicies.reviewAll(p);
  const period = await loadPeriod(tx, input.periodId);
  requirePeriodFor(input.decision, period);
  const leaves = new Map((await repo.findLeavesForUnit(tx, period.scheme_id, input.unitId, period.frequency)).map((l) => [l.id, l]));
  const values = (await repo.findValues(tx, input.unitId, input.periodId)).filter(
    (v) => valueAllows(v.status, input.decision) && (!input.indicatorIds || input.indicatorIds.includes(v.indicator_id)),
  );
  const sourced = [...leaves.values()].filter((l) => l.data_source_unit_id === p.unitId).map((l) => l.id);
  if (!isOffice && (!sourced.length || input.indicatorIds?.some((i) => !sourced.includes(i)))) {
    throw forbidden('只能审核本单位提供的指标 / you review only the indicators you supply');
  }
  const mine = values.filter((v) => isOffice || sourced.includes(v.indicator_id));
  if (!mine.length) throw refused('NOTHING_TO_DO', '没有待审核的数据 / nothing submitted to review');
  const status = input.decision === 'approve' ? 'approved' : 'returned';
  await repo.setValueStatus(tx, mine.map((v) => v.id), status, p.userId, input.decision === 'return' ? (input.reason ?? null) : null);
  for (const v of mine) {
    await recordAudit(tx, ctx, {
      action: input.decision === 'approve' ? 'data.approve' : 'data.return',
      entity: 'data_value',
      entityId: v.id,
      unitId: input.unitId,
      before: { status: v.status },
      after: { status, reason: input.reason ?? null, indicator: leaves.get(v.indicator_id)?.code, period: period.key },
    });
  }
  return mine.length;
}

export interface BulkReviewResult {
  approved: number;
  items: { unitId: number; periodId: number; ok: boolean; approved: number; error: string | null }[];
}

/**
 * Approves many unit-periods at once (the queue's selection), in one transaction: each is checked
 * and decided as a single approval would be, one audit entry per value. An item that cannot be
 * approved (nothing submitted any more, a locked period, another source's indicator) is reported
 * with its reason and the others go through.
 */
export async function bulkApprove(
  db: Database,
  p: Principal,
  items: { unitId: number; periodId: number; indicatorIds?: number[] }[],
  ctx: AuditContext,
): Promise<BulkReviewResult> {
  return db.transaction(async (tx) => {
    const results: BulkReviewResult['items'] = [];
    for (const item of items) {
      try {
        const n = await reviewInTransaction(tx, p, { ...item, decision: 'approve' }, ctx);
        results.push({ ...item, ok: true, approved: n, error: null });
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
        results.push({ unitId: item.unitId, periodId: item.periodId, ok: false, approved: 0, error: err.message });
      }
    }
    return { approved: results.reduce((n, r) => n + r.approved, 0), items: results };
  });
}

export async function setPeriodStatus(db: Database, periodId: number, status: 'open' | 'closed' | 'locked', ctx: AuditContext): Promise<repo.PeriodRow> {
  return db.transaction(async (tx) => {
    const period = await loadPeriod(tx, periodId);
    decide(PERIOD_FLOW, period.status, PERIOD_ACTION_OF[status], (code) =>
      code === 'PERIOD_LOCKED' ? `${period.label} 已锁定，更正须经审批 / a locked period is changed only through approved corrections` : '须先关闭再锁定 / close the period before locking it',
    );
    await repo.setPeriodStatus(tx, [periodId], status);
    await recordAudit(tx, ctx, { action: `period.${status}`, entity: 'period', entityId: periodId, before: { status: period.status }, after: { status, key: period.key } });
    return { ...period, status };
  });
}

/** After the lock a value changes only through a correction the office approves. */
export async function requestCorrection(
  db: Database,
  p: Principal,
  valueId: number,
  input: z.infer<typeof correctionRequestSchema>,
  ctx: AuditContext,
): Promise<CorrectionDto> {
  return db.transaction(async (tx) => {
    const v = await repo.findValueById(tx, valueId);
    if (!v) throw notFound('数据 / Value');
    const period = await loadPeriod(tx, v.period_id);
    const [leaf] = (await repo.findLeavesForUnit(tx, period.scheme_id, v.unit_id)).filter((l) => l.id === v.indicator_id);
    if (!leaf) throw forbidden('无权更正该数据 / you may not correct this value');
    if (!CORRECTION_PERIODS.includes(period.status)) throw refused('PERIOD_OPEN', '本期未关闭，可直接修改或退回后修改 / the period is still open: edit the value instead');
    const corrected = { value: input.value ?? null, grade: input.grade ?? null, events: input.events ?? v.events };
    const problem = cellProblem(leaf, corrected);
    if (problem) throw refuseCells([dataProblem(leaf, await cellPlace(tx, v.unit_id, period), corrected, problem)]);
    const row = await repo.insertCorrection(tx, { valueId, value: input.value ?? null, grade: input.grade ?? null, events: input.events ?? null, note: input.note ?? null, reason: input.reason, requestedBy: p.userId });
    await recordAudit(tx, ctx, { action: 'correction.request', entity: 'correction', entityId: row!.id, unitId: v.unit_id, before: snapshot(v), after: { value: input.value ?? null, grade: input.grade ?? null, reason: input.reason } });
    return { id: row!.id, dataValueId: valueId, status: 'pending', reason: input.reason, newValue: input.value ?? null, newGrade: input.grade ?? null, decisionNote: null };
  });
}

export async function decideCorrection(db: Database, p: Principal, id: number, decision: 'approve' | 'reject', note: string | null, ctx: AuditContext): Promise<CorrectionDto> {
  return db.transaction(async (tx) => {
    const c = await repo.findCorrection(tx, id);
    if (!c) throw notFound('更正申请 / Correction');
    const status = decide(CORRECTION_FLOW, c.status, decision, () => '该更正申请已处理 / already decided', { p, context: undefined });
    const v = (await repo.findValueById(tx, c.data_value_id))!;
    const after = { value: c.new_value, grade: c.new_grade, events: c.new_events ?? v.events, note: c.new_note ?? v.note };
    if (decision === 'approve') {
      // A request stored before the checks existed is checked again before it overwrites the value.
      const period = await loadPeriod(tx, v.period_id);
      const [leaf] = (await repo.findLeavesForUnit(tx, period.scheme_id, v.unit_id)).filter((l) => l.id === v.indicator_id);
      const problem = leaf ? cellProblem(leaf, after) : null;
      if (leaf && problem) throw refuseCells([dataProblem(leaf, await cellPlace(tx, v.unit_id, period), after, problem)]);
    }
    await repo.decideCorrection(tx, id, status, p.userId, note);
    if (decision === 'approve') await repo.overwriteValue(tx, v.id, after);
    await recordAudit(tx, ctx, { action: `correction.${decision}`, entity: 'data_value', entityId: v.id, unitId: v.unit_id, before: snapshot(v), after: decision === 'approve' ? after : { note } });
    return { id, dataValueId: v.id, status, reason: c.reason, newValue: c.new_value, newGrade: c.new_grade, decisionNote: note };
  });
}

/** What a unit still owes: open periods with indicators not yet submitted; past the end date they are overdue. */
export async function findDue(db: Database, p: Principal, unitId: number, today: string): Promise<DueItem[]> {
  const rows = await repo.findOwedPeriods(db, unitId);
  return rows.map((r) => ({
    schemeId: r.scheme_id,
    periodId: r.period_id,
    periodLabel: r.label,
    end: r.end_date,
    missing: r.expected - r.filed - r.drafts - r.returned,
    drafts: r.drafts,
    returned: r.returned,
    overdue: r.end_date < today,
  }));
}

export interface UnitFiling {
  unitId: number;
  unitCode: string;
  unitName: string;
  expected: number;
  filed: number;
  drafts: number;
  returned: number;
}

/** 报送情况: how far each unit has filed what it owes in one period; `behind` keeps the units that have not filed everything. */
export async function filingStatus(db: Database, p: Principal, periodId: number, behind = false): Promise<{ period: repo.PeriodRow; units: UnitFiling[] }> {
  const period = await loadPeriod(db, periodId);
  const rows = await repo.findFilingByUnit(db, periodId);
  const units = rows
    .map((r) => ({ unitId: r.unit_id, unitCode: r.unit_code, unitName: r.unit_name, expected: r.expected, filed: r.filed, drafts: r.drafts, returned: r.returned }))
    .filter((u) => !behind || u.filed < u.expected);
  return { period, units };
}
