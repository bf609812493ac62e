import { hasRole, isCityWide, ownUnitScope, signedIn, type OfUnit, type Policy } from '../../lib/principal.js';

/** The office runs scoring; leaders and the offices see every unit's results; a unit sees its own. */
export const scorePolicies = {
  run: hasRole('admin', 'office'),
  /** Rankings, progress, comparisons and trends: everyone, limited by `listScope`. */
  read: signedIn,
  /** List scope by policy: the unit whose lines a unit's people see; undefined for city-wide roles. */
  listScope: ownUnitScope,
  seeAll: ((p) => isCityWide(p)) satisfies Policy,
  /** One unit's results (its scorecard, its trend): city-wide roles any unit's, a unit its own. */
  seeUnit: ((p, u) => isCityWide(p) || p.unitId === u.unitId) satisfies Policy<OfUnit>,
};
