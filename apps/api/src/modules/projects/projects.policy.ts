import { hasRole, isCityWide, scopedRole, type Policy, type Principal } from '../../lib/principal.js';
import { taskPolicies } from '../tasks/tasks.policy.js';

/**
 * Major projects: the performance and supervision offices keep the register and its settings;
 * city-wide roles read every project; a unit reads its own. Monthly reports are entered by the
 * responsible unit's head or reporter, or by the offices. Making a project a supervised task is
 * the supervision office's, exactly as registering any task is.
 */
export const projectPolicies = {
  manage: hasRole('admin', 'office', 'supervisor'),
  read: ((p: Principal, unitId?: number | null) => isCityWide(p) || (p.unitId !== null && unitId !== undefined && unitId === p.unitId)) satisfies Policy,
  /** Read every unit's projects at once (lists without a unit filter, the city-wide totals). */
  readAll: (p: Principal) => isCityWide(p),
  report: scopedRole(['admin', 'office', 'supervisor'], ['head', 'reporter']),
  makeTask: taskPolicies.create,
  settings: hasRole('admin', 'office', 'supervisor'),
};
