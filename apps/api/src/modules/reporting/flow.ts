import { PERIOD_STATUSES, VALUE_STATUSES } from '@kaoping/shared';
import { refused } from '../../errors.js';
import type { FlowTable } from '../../lib/flow-table.js';
import type { Principal } from '../../lib/principal.js';
import type { PeriodRow, ValueRow } from './data.repository.js';
import { reportingPolicies, type ValueParty } from './reporting.policy.js';

/**
 * The lifecycles of reporting, each one table (state × action → next state, who may, or the rule
 * that refuses): a reported value, the reporting period it belongs to, and a correction after the
 * period has closed. The services ask these tables; apps/api/src/modules/reporting/flow.test.ts
 * checks them cell by cell.
 */

export type PeriodStatus = PeriodRow['status'];
/** A value's state; `empty` is a cell nothing has been entered in yet. */
export type ValueState = ValueRow['status'] | 'empty';
export const VALUE_STATES = ['empty', ...VALUE_STATUSES] as const satisfies readonly ValueState[];
export { PERIOD_STATUSES };

/**
 * save: the unit's reporter or head enters or changes a value (a draft); supply: the data-source
 * unit enters one it supplies (straight to review); submit: the unit head submits; approve / return:
 * the office, or the data source for what it supplies, decides a submitted value; reopen: the office
 * returns an approved value (退回已审核) so the unit can fix it.
 */
export const VALUE_ACTIONS = ['save', 'supply', 'submit', 'approve', 'return', 'reopen'] as const;
export type ValueAction = (typeof VALUE_ACTIONS)[number];

export type { ValueParty } from './reporting.policy.js';

const unitEntry = (p: Principal, v: ValueParty) => p.role !== 'datasource' && reportingPolicies.enterValue(p, v);
const sourceEntry = (p: Principal, v: ValueParty) => p.role === 'datasource' && reportingPolicies.enterValue(p, v);
const unitHead = (p: Principal, v: ValueParty) => reportingPolicies.submitForUnit(p, v) && (v.sourceUnitId === null || v.sourceUnitId === v.unitId);
const reviewer = (p: Principal, v: ValueParty) => reportingPolicies.reviewAll(p) || (p.role === 'datasource' && v.sourceUnitId !== null && v.sourceUnitId === p.unitId);
const office = (p: Principal) => reportingPolicies.returnApproved(p);

const no = { refused: 'TRANSITION_NOT_ALLOWED' } as const;
const frozen = { refused: 'FROZEN' } as const;
const done = { refused: 'ALREADY_DONE' } as const;
/** What a draft and a returned value allow: changed again, supplied, submitted. */
const editable = {
  save: { to: 'draft', may: unitEntry },
  supply: { to: 'submitted', may: sourceEntry },
  submit: { to: 'submitted', may: unitHead },
  approve: no,
  return: no,
  reopen: no,
} as const;

export const VALUE_FLOW: FlowTable<ValueState, ValueAction, ValueParty> = {
  empty: { save: { to: 'draft', may: unitEntry }, supply: { to: 'submitted', may: sourceEntry }, submit: { refused: 'INCOMPLETE' }, approve: no, return: no, reopen: no },
  draft: editable,
  returned: editable,
  submitted: { save: frozen, supply: frozen, submit: done, approve: { to: 'approved', may: reviewer }, return: { to: 'returned', may: reviewer }, reopen: no },
  approved: { save: frozen, supply: frozen, submit: done, approve: done, return: no, reopen: { to: 'returned', may: office } },
};

/** The period statuses each value action is taken in: entry while the period is open, review until it is locked. */
export const VALUE_ACTION_PERIODS: Record<ValueAction, readonly PeriodStatus[]> = {
  save: ['open'],
  supply: ['open'],
  submit: ['open'],
  approve: ['open', 'closed'],
  return: ['open', 'closed'],
  reopen: ['open'],
};

/** Throws unless `action` is taken in a period of this status: PERIOD_LOCKED once it is locked, PERIOD_CLOSED otherwise. */
export function requirePeriodFor(action: ValueAction, period: Pick<PeriodRow, 'status' | 'label'>, message?: string): void {
  if (VALUE_ACTION_PERIODS[action].includes(period.status)) return;
  if (period.status === 'locked') throw refused('PERIOD_LOCKED', message ?? `${period.label} 已锁定，只能通过更正申请修改 / the period is locked: request a correction`);
  throw refused('PERIOD_CLOSED', message ?? `${period.label} 未开放填报（${period.status}）/ the period is not open for entry`);
}

/** Whether the value table lets `action` be taken on a value in `state` (who may is checked apart). */
export const valueAllows = (state: ValueState, action: ValueAction): boolean => !('refused' in VALUE_FLOW[state][action]);

export const PERIOD_ACTIONS = ['open', 'close', 'lock'] as const;
export type PeriodAction = (typeof PERIOD_ACTIONS)[number];

const managers = (p: Principal) => reportingPolicies.managePeriods(p);
const locked = { refused: 'PERIOD_LOCKED' } as const;

/**
 * A period: pending → open → closed → locked. Opening and closing may be repeated (closing reopens
 * nothing that was approved; opening again lets units fix values); locking needs a closed period and
 * is final: after it a value changes only through an approved correction.
 */
export const PERIOD_FLOW: FlowTable<PeriodStatus, PeriodAction> = {
  pending: { open: { to: 'open', may: managers }, close: { to: 'closed', may: managers }, lock: no },
  open: { open: { to: 'open', may: managers }, close: { to: 'closed', may: managers }, lock: no },
  closed: { open: { to: 'open', may: managers }, close: { to: 'closed', may: managers }, lock: { to: 'locked', may: managers } },
  locked: { open: locked, close: locked, lock: locked },
};

export const PERIOD_ACTION_OF = { open: 'open', closed: 'close', locked: 'lock' } as const satisfies Record<Exclude<PeriodStatus, 'pending'>, PeriodAction>;

export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CORRECTION_ACTIONS = ['approve', 'reject'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];

const deciders = (p: Principal) => reportingPolicies.decideCorrections(p);

/** A correction (更正申请) is asked for once the period has closed and decided once by the office. */
export const CORRECTION_FLOW: FlowTable<CorrectionStatus, CorrectionAction> = {
  pending: { approve: { to: 'approved', may: deciders }, reject: { to: 'rejected', may: deciders } },
  approved: { approve: done, reject: done },
  rejected: { approve: done, reject: done },
};

/** The period statuses a correction is asked for in; while the period is open the value is edited instead (PERIOD_OPEN). */
export const CORRECTION_PERIODS: readonly PeriodStatus[] = ['closed', 'locked'];
