import { isCityWide, signedIn, type Principal } from '../../lib/principal.js';

/**
 * The supervision overview: city-wide roles (the administrator, the offices, the supervision
 * office, the leaders) see every unit and the leaders' rollup; a unit's people see their own
 * unit's row only, whatever they ask for.
 */
export const overviewPolicies = {
  /** The overview: everyone; a unit's people get their own row (list scope by policy). */
  read: signedIn,
  readAll: (p: Principal) => isCityWide(p),
  /** The unit whose row a caller is limited to; a unit role without a unit sees nothing. */
  ownUnit: (p: Principal): number => p.unitId ?? -1,
};
