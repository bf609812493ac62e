import { hasRole, isCityWide, type Principal } from '../../lib/principal.js';

/**
 * The problem ledger and undercover inspections: the supervision office puts problems on the
 * ledger and runs the inspections; city-wide roles read everything; a unit reads and rectifies
 * only its own problems (each step is decided by the flow, flow.ts). Inspections stay with the
 * city-wide roles: a unit sees a finding's photos only once it is a problem of theirs.
 */
export const ledgerPolicies = {
  createProblem: hasRole('admin', 'supervisor'),
  readAll: (p: Principal) => isCityWide(p),
  readProblem: (p: Principal, unitId?: number | null) => isCityWide(p) || (p.unitId !== null && unitId === p.unitId),
  /** Evidence is added by the unit's own people while the problem is being rectified. */
  addEvidence: (p: Principal, unitId?: number | null) => (p.role === 'head' || p.role === 'reporter') && p.unitId !== null && unitId === p.unitId,
  manageInspections: hasRole('admin', 'supervisor'),
  readInspections: (p: Principal) => isCityWide(p),
};
