import { isEventMethod, type Grid, type noEventsSchema } from '@kaoping/shared';
import type { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError, forbidden, notFound, refused } from '../../errors.js';
import { decide } from '../../lib/flow-table.js';
import type { Principal } from '../../lib/principal.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import * as repo from './data.repository.js';
import { getGrid, loadPeriod, saveGrid } from './data.service.js';
import { requirePeriodFor, VALUE_FLOW, valueAllows } from './flow.js';
import { reportingPolicies } from './reporting.policy.js';

/**
 * The office returns (退回) an approved value while its period is open, with the reason the unit
 * reads: the value leaves the score runs until it is fixed, resubmitted and approved again (the way
 * out for a wrong value that was approved, e.g. one stored before entry checked it).
 */
export async function returnApprovedValue(db: Database, p: Principal, valueId: number, reason: string, ctx: AuditContext): Promise<Grid> {
  const v = await db.transaction(async (tx) => {
    const value = await repo.findValueById(tx, valueId);
    if (!value) throw notFound('数据 / Value');
    const period = await loadPeriod(tx, value.period_id);
    requirePeriodFor('reopen', period, `${period.label} 已${period.status === 'locked' ? '锁定' : '关闭'}，只能通过更正申请修改 / the period is not open: request a correction instead`);
    const status = decide(VALUE_FLOW, value.status, 'reopen', () => `只能退回已审核的数据（当前：${value.status}）；已提交的数据请在审核中退回 / only an approved value is returned here`);
    await repo.setValueStatus(tx, [value.id], status as 'returned', p.userId, reason);
    const leaf = await repo.findIndicatorCode(tx, value.indicator_id);
    await recordAudit(tx, ctx, {
      action: 'data.return',
      entity: 'data_value',
      entityId: value.id,
      unitId: value.unit_id,
      before: { status: value.status, value: value.value, grade: value.grade, events: value.events },
      after: { status: 'returned', reason, indicator: leaf?.code, period: period.key, approvedBefore: true },
    });
    return value;
  });
  return getGrid(db, p, v.unit_id, v.period_id);
}

/**
 * Records 本期无事项 (nothing to report this period) on event rows (扣分 / 加分 / 一票否决) in one
 * step: the rows named, or every such row the caller may enter that has nothing recorded yet. Each is
 * saved like any entry (a draft, audited), so the unit head can submit.
 */
export async function confirmNoEvents(db: Database, p: Principal, input: z.infer<typeof noEventsSchema>, ctx: AuditContext): Promise<Grid> {
  const period = await loadPeriod(db, input.periodId);
  const leaves = await repo.findLeavesForUnit(db, period.scheme_id, input.unitId, period.frequency);
  const values = new Map((await repo.findValues(db, input.unitId, input.periodId)).map((v) => [v.indicator_id, v]));
  const mayEnter = (l: repo.LeafForUnit) => reportingPolicies.enterValue(p, { unitId: input.unitId, sourceUnitId: l.data_source_unit_id });
  if (!leaves.some(mayEnter)) throw forbidden('无权为该单位填报 / you may not enter data for this unit');
  const open = (l: repo.LeafForUnit) => {
    const v = values.get(l.id);
    return !v || (valueAllows(v.status, 'save') && (v.events === null || v.events.length === 0));
  };
  let chosen: repo.LeafForUnit[];
  if (input.indicatorIds) {
    chosen = input.indicatorIds.map((id) => {
      const l = leaves.find((x) => x.id === id);
      if (!l || !isEventMethod(l.method.method)) {
        throw new AppError('VALIDATION_FAILED', `indicatorIds: 指标 ${id} 不是本单位本期的事项类指标 / not an event indicator of this grid`, [{ path: 'body.indicatorIds', message: String(id) }]);
      }
      if (!mayEnter(l)) throw forbidden(`无权填报指标 ${l.code}（${l.name}）/ you may not enter this indicator`);
      if (!open(l)) {
        const state = values.get(l.id)!.status;
        throw refused(valueAllows(state, 'save') ? 'TRANSITION_NOT_ALLOWED' : 'FROZEN', `指标 ${l.code} 已录入事项或已提交，不能确认为本期无事项 / events recorded or submitted`, { state, action: 'save' });
      }
      return l;
    });
  } else {
    chosen = leaves.filter((l) => isEventMethod(l.method.method) && mayEnter(l) && open(l) && (values.get(l.id)?.events ?? null) === null);
  }
  if (!chosen.length) throw refused('NOTHING_TO_DO', '没有待确认“本期无事项”的指标 / no event row waits for confirmation');
  return saveGrid(db, p, { unitId: input.unitId, periodId: input.periodId, values: chosen.map((l) => ({ indicatorId: l.id, events: [], note: values.get(l.id)?.note ?? null })) }, ctx);
}
