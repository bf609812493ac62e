import { mayMakeTaskFrom, type TaskOriginKind } from '@kaoping/shared';
import { hasRole, isCityWide, ownUnitScope, signedIn, type Policy, type Principal } from '../../lib/principal.js';

/** What a task's access turns on: the unit that leads it and those that help. */
export interface TaskParties {
  lead_unit_id: number;
  co_unit_ids: number[];
}

const ofTask = (p: Principal, t: TaskParties) => isCityWide(p) || (p.unitId !== null && (t.lead_unit_id === p.unitId || t.co_unit_ids.includes(p.unitId)));

/**
 * Supervision: the supervision office assigns and closes out tasks; city-wide roles read them all;
 * a unit reads the tasks it leads or helps with. Each step of a task is decided by the flow (flow.ts)
 * once `work` has let the caller at the task.
 */
export const taskPolicies = {
  create: hasRole('admin', 'supervisor'),
  /** A task made in one step from a record (task-origins). */
  fromOrigin: ((p, kind) => mayMakeTaskFrom(p.role, kind)) satisfies Policy<TaskOriginKind>,
  /** The list: everyone, limited by `listScope`. */
  list: signedIn,
  /** List scope by policy: the unit whose tasks (led or helped with) a caller is limited to. */
  listScope: ownUnitScope,
  read: ofTask satisfies Policy<TaskParties>,
  /** Take a step, add evidence: the same parties; which steps is the flow's. */
  work: ofTask satisfies Policy<TaskParties>,
  readSettings: signedIn,
  settings: hasRole('admin', 'supervisor'),
};
