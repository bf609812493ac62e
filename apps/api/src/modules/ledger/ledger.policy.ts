import { hasRole, isCityWide, ownUnitScope, signedIn, type Policy, type Principal } from '../../lib/principal.js';

/** A problem on the ledger, as far as access goes: the unit responsible for it. */
export interface ProblemParty {
  unit_id: number;
}

/** An inspection photo or video, as far as access goes: the unit whose problem its finding became, if any. */
export interface MediaParty {
  problem_unit_id: number | null;
}

const ownProblem = (p: Principal, r: ProblemParty) => isCityWide(p) || (p.unitId !== null && r.unit_id === p.unitId);

/**
 * The problem ledger and undercover inspections: the supervision office puts problems on the
 * ledger and runs the inspections; city-wide roles read everything; a unit reads and rectifies
 * only its own problems (each step is decided by the flow, flow.ts, once `work` lets the caller at
 * the problem). Inspections stay with the city-wide roles: a unit sees a finding's photos only
 * once it is a problem of theirs.
 */
export const ledgerPolicies = {
  createProblem: hasRole('admin', 'supervisor'),
  /** The ledger: everyone, limited by `listScope`. */
  list: signedIn,
  /** List scope by policy: a unit sees its own problems whatever it asks for. */
  listScope: ownUnitScope,
  read: ownProblem satisfies Policy<ProblemParty>,
  /** Report on a requirement, take a step: the same parties; which steps is the flow's. */
  work: ownProblem satisfies Policy<ProblemParty>,
  /** Evidence is added by the unit's own people while the problem is being rectified. */
  addEvidence: ((p, r) => (p.role === 'head' || p.role === 'reporter') && p.unitId !== null && r.unit_id === p.unitId) satisfies Policy<ProblemParty>,
  manageInspections: hasRole('admin', 'supervisor'),
  readInspections: ((p) => isCityWide(p)) satisfies Policy,
  /** A photo or video of a finding: city-wide roles, and the unit whose problem the finding became. */
  readMedia: ((p, m) => isCityWide(p) || (p.unitId !== null && m.problem_unit_id === p.unitId)) satisfies Policy<MediaParty>,
};
