import { TASK_ACTIONS, TASK_STATUSES, type Role, type TaskAction, type TaskStatus } from '@kaoping/shared';

/**
 * The flow of a supervised task (督办事项), after Yichang's published one:
 * 立项 → 领导审核 → 下发 → 签收 → 办理 → 反馈 → 复核 → 办结销号. The leader's review and the
 * signing step can be switched off; everything else is fixed. Pure: who may take which step is
 * decided here and tested on its own.
 */

export { TASK_ACTIONS, TASK_STATUSES, type TaskAction, type TaskStatus };

export interface FlowConfig {
  /** 领导审核: a leader approves a task before it goes out. */
  leaderReview: boolean;
  /** 签收: the lead unit acknowledges the task before working on it. */
  signFor: boolean;
}

export const DEFAULT_FLOW: FlowConfig = { leaderReview: true, signFor: true };

export const STATUS_LABELS: Record<TaskStatus, string> = {
  draft: '立项',
  review: '待领导审核',
  issued: '已下发待签收',
  in_progress: '办理中',
  feedback: '已反馈待复核',
  closed: '已办结销号',
};

/** The statuses in English, as the admin's English UI names them (for exports read in English). */
export const STATUS_LABELS_EN: Record<TaskStatus, string> = {
  draft: 'Registered',
  review: 'Awaiting leader review',
  issued: 'Issued, awaiting signature',
  in_progress: 'In progress',
  feedback: 'Completion reported',
  closed: 'Closed out',
};

export const ACTION_LABELS: Record<TaskAction, string> = {
  submit: '提交',
  approve: '审核同意',
  reject: '审核退回',
  sign: '签收',
  report: '报送进展',
  feedback: '反馈办结',
  accept: '复核通过，办结销号',
  return: '复核退回',
  reopen: '重新打开',
};

/** Who acts on a task: the supervision office, a leader, or the lead / a co-unit's people. */
export interface Actor {
  role: Role;
  unitId: number | null;
}

export interface TaskParties {
  leadUnitId: number;
  coUnitIds: number[];
}

const supervises = (a: Actor) => a.role === 'supervisor' || a.role === 'admin';
const inLead = (a: Actor, t: TaskParties) => (a.role === 'head' || a.role === 'reporter') && a.unitId === t.leadUnitId;
const inUnits = (a: Actor, t: TaskParties) => (a.role === 'head' || a.role === 'reporter') && a.unitId !== null && (a.unitId === t.leadUnitId || t.coUnitIds.includes(a.unitId));

interface Step {
  from: readonly TaskStatus[];
  to: (c: FlowConfig) => TaskStatus;
  may: (a: Actor, t: TaskParties) => boolean;
  needsReason?: boolean;
}

const afterIssue = (c: FlowConfig): TaskStatus => (c.signFor ? 'issued' : 'in_progress');

const STEPS: Record<TaskAction, Step> = {
  submit: { from: ['draft'], to: (c) => (c.leaderReview ? 'review' : afterIssue(c)), may: supervises },
  approve: { from: ['review'], to: afterIssue, may: (a) => a.role === 'leader' || a.role === 'admin' },
  reject: { from: ['review'], to: () => 'draft', may: (a) => a.role === 'leader' || a.role === 'admin', needsReason: true },
  sign: { from: ['issued'], to: () => 'in_progress', may: inLead },
  report: { from: ['in_progress'], to: () => 'in_progress', may: inUnits },
  feedback: { from: ['in_progress'], to: () => 'feedback', may: (a, t) => a.role === 'head' && a.unitId === t.leadUnitId },
  accept: { from: ['feedback'], to: () => 'closed', may: supervises },
  return: { from: ['feedback'], to: () => 'in_progress', may: supervises, needsReason: true },
  reopen: { from: ['closed'], to: () => 'in_progress', may: supervises, needsReason: true },
};

export type StepCheck = { ok: true; to: TaskStatus } | { ok: false; why: 'state' | 'role' | 'reason'; message: string };

/** Whether `actor` may take `action` on a task in `status`, and where it leads. */
export function checkStep(status: TaskStatus, action: TaskAction, actor: Actor, parties: TaskParties, config: FlowConfig, reason?: string): StepCheck {
  const step = STEPS[action];
  if (!step.from.includes(status)) {
    return { ok: false, why: 'state', message: `事项当前为「${STATUS_LABELS[status]}」，不能「${ACTION_LABELS[action]}」 / cannot ${action} a task that is ${status}` };
  }
  if (!step.may(actor, parties)) return { ok: false, why: 'role', message: `无权「${ACTION_LABELS[action]}」 / you may not ${action} this task` };
  if (step.needsReason && !reason?.trim()) return { ok: false, why: 'reason', message: `「${ACTION_LABELS[action]}」须写明原因 / a reason is required` };
  return { ok: true, to: step.to(config) };
}

/** The actions open to an actor now, for the buttons a page shows. */
export function availableActions(status: TaskStatus, actor: Actor, parties: TaskParties, config: FlowConfig): TaskAction[] {
  return TASK_ACTIONS.filter((a) => {
    const r = checkStep(status, a, actor, parties, config, 'x');
    return r.ok;
  });
}
