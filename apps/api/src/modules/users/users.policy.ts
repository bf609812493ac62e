import { hasRole, ownUnitScope, scopedRole, type Policy } from '../../lib/principal.js';

/** An account as access goes: who it is and the unit it belongs to. */
export interface AccountParty {
  id: number;
  unit_id: number | null;
}

const ofUnit = scopedRole(['admin', 'office', 'supervisor', 'leader'], ['head']);

/**
 * Accounts: the system administrator manages them; the offices and city leaders read them all
 * (the supervision office assigns tasks to named leaders); a unit head reads their own unit's;
 * everyone reads their own account.
 */
export const userPolicies = {
  list: hasRole('admin', 'office', 'supervisor', 'leader', 'head'),
  /** List scope by policy: a unit head lists their own unit's accounts. */
  listScope: ownUnitScope,
  /** List one unit's accounts: the city-wide readers any unit's, a unit head their own. */
  listUnit: ofUnit,
  read: ((p, u) => p.userId === u.id || ofUnit(p, { unitId: u.unit_id })) satisfies Policy<AccountParty>,
  manage: hasRole('admin'),
};
