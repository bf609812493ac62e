import { hasRole, isCityWide, type Policy, type Principal } from '../../lib/principal.js';

/** A suggestion as access goes: where it is in its flow, and the unit it was forwarded to. */
export interface SuggestionParty {
  status: string;
  unit_id: number | null;
}

const FORWARDED = ['forwarded', 'replied', 'accepted', 'returned'];
const unitPerson = (p: Principal) => p.role === 'head' || p.role === 'reporter';

/**
 * Suggestions: the office sorts, forwards and reviews; city-wide roles read them all; a unit reads
 * what was forwarded to it and its head answers. Nobody sees who wrote one.
 */
export const suggestionPolicies = {
  readAll: ((p) => isCityWide(p)) satisfies Policy,
  /** The list: city-wide roles, and a unit's head and reporter (limited by `listScope`). */
  list: ((p) => isCityWide(p) || unitPerson(p)) satisfies Policy,
  /** List scope by policy: the unit whose forwarded suggestions a unit's people see; undefined for city-wide roles. */
  listScope: (p: Principal): number | undefined => (isCityWide(p) ? undefined : (p.unitId ?? -1)),
  /** One suggestion: city-wide roles any; a unit's head or reporter one forwarded to their unit. */
  read: ((p, s) => isCityWide(p) || (unitPerson(p) && p.unitId !== null && p.unitId === s.unit_id && FORWARDED.includes(s.status))) satisfies Policy<SuggestionParty>,
  handle: hasRole('admin', 'office'),
  /** Answer: the head of the unit it was forwarded to. */
  reply: ((p, s) => p.role === 'head' && p.unitId !== null && p.unitId === s.unit_id) satisfies Policy<Pick<SuggestionParty, 'unit_id'>>,
};
