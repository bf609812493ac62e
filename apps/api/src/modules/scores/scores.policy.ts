import { hasRole, isCityWide, type Principal } from '../../lib/principal.js';

/** The office runs scoring; leaders and the offices see every unit's results; a unit sees its own. */
export const scorePolicies = {
  run: hasRole('admin', 'office'),
  seeAll: (p: Principal) => isCityWide(p),
  seeUnit: (p: Principal, unitId: number) => isCityWide(p) || p.unitId === unitId,
};
