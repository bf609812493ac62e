import { hasRole, isCityWide, type Principal } from '../../lib/principal.js';

const unitPerson = (p: Principal) => (p.role === 'head' || p.role === 'reporter') && p.unitId !== null;

/**
 * Review meetings: the performance office and the supervision office prepare them, record the
 * comments and issue the minutes; every city-wide role (市领导 above all) reads them. The issued
 * minutes go to the presenting units like a bulletin: a presenting unit's head and reporter read
 * that meeting once its minutes are issued, and sign (签收) for their own unit only.
 */
export const meetingPolicies = {
  manage: hasRole('admin', 'office', 'supervisor'),
  read: (p: Principal) => isCityWide(p),
  /** A meeting: city-wide roles always; a presenting unit's people once the minutes are issued. */
  readMeeting: (p: Principal, m: { issued: boolean; presenterUnitIds: number[] }) =>
    isCityWide(p) || (m.issued && unitPerson(p) && m.presenterUnitIds.includes(p.unitId!)),
  /** The list: city-wide roles see every meeting, a unit's people the issued minutes of their unit's meetings. */
  listOwnUnit: (p: Principal) => !isCityWide(p) && unitPerson(p),
  sign: (p: Principal, presenterUnitIds: number[]) => unitPerson(p) && presenterUnitIds.includes(p.unitId!),
};
