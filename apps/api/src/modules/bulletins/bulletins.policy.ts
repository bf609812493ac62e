import { isCityWide, type Principal } from '../../lib/principal.js';

/**
 * Bulletins: the office that issues a series (the performance office, or the supervision office for
 * 督查通报) drafts, edits and issues; the series' designated signer approves; city-wide roles read
 * them all; a unit's people read only issued bulletins addressed to their unit and sign only for it.
 */
export const bulletinPolicies = {
  readAll: (p: Principal) => isCityWide(p),
  manage: (p: Principal, officeRole: string) => p.role === 'admin' || p.role === officeRole,
  /** Anyone who may draft some series. */
  draftAny: (p: Principal) => p.role === 'admin' || p.role === 'office' || p.role === 'supervisor',
  approve: (p: Principal, signerId: number | null) => (signerId === null ? p.role === 'admin' : p.userId === signerId),
  readAddressed: (p: Principal, recipients: number[]) => (p.role === 'head' || p.role === 'reporter') && p.unitId !== null && recipients.includes(p.unitId),
  sign: (p: Principal, recipients: number[]) => (p.role === 'head' || p.role === 'reporter') && p.unitId !== null && recipients.includes(p.unitId),
  editSeries: (p: Principal, officeRole: string) => p.role === 'admin' || p.role === officeRole,
};
