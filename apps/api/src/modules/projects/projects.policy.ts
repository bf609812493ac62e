import { hasRole, isCityWide, ownUnitScope, scopedRole, signedIn, type OfUnit, type Policy, type Principal } from '../../lib/principal.js';
import { taskPolicies } from '../tasks/tasks.policy.js';

/** A project as access goes: its responsible unit. */
export interface ProjectParty {
  unit_id: number;
}

const ofUnit = (p: Principal, unitId: number | null) => isCityWide(p) || (p.unitId !== null && unitId === p.unitId);
const reporters = scopedRole(['admin', 'office', 'supervisor'], ['head', 'reporter']);

/**
 * Major projects: the performance and supervision offices keep the register and its settings;
 * city-wide roles read every project; a unit reads its own. Monthly reports are entered by the
 * responsible unit's head or reporter, or by the offices. Making a project a supervised task is
 * the supervision office's, exactly as registering any task is.
 */
export const projectPolicies = {
  manage: hasRole('admin', 'office', 'supervisor'),
  /** Lists and rates: everyone, limited by `listScope`. */
  list: signedIn,
  /** List scope by policy: a unit's people see their own unit's projects whatever they ask for. */
  listScope: ownUnitScope,
  /** One unit's projects or rate: city-wide roles any unit's, a unit its own. */
  readUnit: ((p, u) => ofUnit(p, u.unitId)) satisfies Policy<OfUnit>,
  read: ((p, r) => ofUnit(p, r.unit_id)) satisfies Policy<ProjectParty>,
  report: ((p, r) => reporters(p, { unitId: r.unit_id })) satisfies Policy<ProjectParty>,
  makeTask: taskPolicies.create,
  readSettings: signedIn,
  settings: hasRole('admin', 'office', 'supervisor'),
};
