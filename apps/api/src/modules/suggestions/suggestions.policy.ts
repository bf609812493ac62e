import { hasRole, isCityWide, type Principal } from '../../lib/principal.js';

/**
 * Suggestions: the office sorts, forwards and reviews; city-wide roles read them all; a unit reads
 * what was forwarded to it and its head answers. Nobody sees who wrote one.
 */
export const suggestionPolicies = {
  readAll: (p: Principal) => isCityWide(p),
  readUnit: (p: Principal, unitId: number) => isCityWide(p) || ((p.role === 'head' || p.role === 'reporter') && p.unitId === unitId),
  handle: hasRole('admin', 'office'),
  reply: (p: Principal, unitId: number) => p.role === 'head' && p.unitId === unitId,
};
