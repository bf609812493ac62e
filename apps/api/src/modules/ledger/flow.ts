import { PROBLEM_ACTIONS, type ProblemAction, type ProblemStatus, type Role } from '@kaoping/shared';

/**
 * The flow of a problem on the ledger (挂账销号): open → rectifying (the unit reports on each
 * requirement with evidence) → submitted (the unit head says it is done) → closed (销号, by the
 * supervision office only). The office can return a submission and reopen a closed problem, each
 * with a reason. Pure: who may take which step is decided here and tested on its own.
 */

export type { ProblemAction };

export const STATUS_LABELS: Record<ProblemStatus, string> = {
  open: '已挂账',
  rectifying: '整改中',
  submitted: '已报销号待审核',
  closed: '已销号',
};

/** The statuses in English, as the admin's English UI names them (for exports read in English). */
export const STATUS_LABELS_EN: Record<ProblemStatus, string> = {
  open: 'On the ledger',
  rectifying: 'Rectifying',
  submitted: 'Awaiting close-out',
  closed: 'Closed out',
};

export const ACTION_LABELS: Record<ProblemAction, string> = {
  report: '报送整改情况',
  submit: '申请销号',
  close: '审核通过，销号',
  return: '退回整改',
  reopen: '重新挂账',
};

export interface Actor {
  role: Role;
  unitId: number | null;
}

/** The supervision office (督查室) and the administrator close out, return and reopen. */
export const supervises = (a: Actor) => a.role === 'supervisor' || a.role === 'admin';
const inUnit = (a: Actor, unitId: number) => (a.role === 'head' || a.role === 'reporter') && a.unitId === unitId;

interface Step {
  from: readonly ProblemStatus[];
  to: ProblemStatus;
  may: (a: Actor, unitId: number) => boolean;
  needsReason?: boolean;
}

const STEPS: Record<ProblemAction, Step> = {
  report: { from: ['open', 'rectifying'], to: 'rectifying', may: inUnit },
  submit: { from: ['rectifying'], to: 'submitted', may: (a, u) => a.role === 'head' && a.unitId === u },
  close: { from: ['submitted'], to: 'closed', may: supervises },
  return: { from: ['submitted'], to: 'rectifying', may: supervises, needsReason: true },
  reopen: { from: ['closed'], to: 'rectifying', may: supervises, needsReason: true },
};

export type StepCheck = { ok: true; to: ProblemStatus } | { ok: false; why: 'state' | 'role' | 'reason'; message: string };

/** Whether `actor` may take `action` on a problem of `unitId` in `status`, and where it leads. */
export function checkStep(status: ProblemStatus, action: ProblemAction, actor: Actor, unitId: number, reason?: string): StepCheck {
  const step = STEPS[action];
  if (!step.may(actor, unitId)) return { ok: false, why: 'role', message: `无权「${ACTION_LABELS[action]}」 / you may not ${action} this problem` };
  if (!step.from.includes(status)) {
    return { ok: false, why: 'state', message: `问题当前为「${STATUS_LABELS[status]}」，不能「${ACTION_LABELS[action]}」 / cannot ${action} a problem that is ${status}` };
  }
  if (step.needsReason && !reason?.trim()) return { ok: false, why: 'reason', message: `「${ACTION_LABELS[action]}」须写明原因 / a reason is required` };
  return { ok: true, to: step.to };
}

/** The actions open to an actor now, for the buttons a page shows. */
export function availableActions(status: ProblemStatus, actor: Actor, unitId: number): ProblemAction[] {
  return PROBLEM_ACTIONS.filter((a) => checkStep(status, a, actor, unitId, 'x').ok);
}
