import { mayMakeTaskFrom, type TaskOriginKind } from '@kaoping/shared';
import { hasRole, isCityWide, type Principal } from '../../lib/principal.js';

/**
 * Supervision: the supervision office assigns and closes out tasks; city-wide roles read them all;
 * a unit reads the tasks it leads or helps with. Each step of a task is decided by the flow (flow.ts).
 */
export const taskPolicies = {
  create: hasRole('admin', 'supervisor'),
  /** A task made in one step from a record (task-origins). */
  fromOrigin: (p: Principal, kind: TaskOriginKind) => mayMakeTaskFrom(p.role, kind),
  readAll: (p: Principal) => isCityWide(p),
  readTask: (p: Principal, unitIds: number[]) => isCityWide(p) || (p.unitId !== null && unitIds.includes(p.unitId)),
  settings: hasRole('admin', 'supervisor'),
};
