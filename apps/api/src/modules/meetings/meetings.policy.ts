import { hasRole, isCityWide, type Policy, type Principal } from '../../lib/principal.js';

/** A meeting as access goes: whether its minutes are issued, and the units that presented at it. */
export interface MeetingParty {
  minutes_no: string | null;
  presenterUnitIds: number[];
}

const unitPerson = (p: Principal) => (p.role === 'head' || p.role === 'reporter') && p.unitId !== null;
const presented = (p: Principal, m: MeetingParty) => unitPerson(p) && m.presenterUnitIds.includes(p.unitId!);

/**
 * Review meetings: the performance office and the supervision office prepare them, record the
 * comments and issue the minutes; every city-wide role (市领导 above all) reads them. The issued
 * minutes go to the presenting units like a bulletin: a presenting unit's head and reporter read
 * that meeting once its minutes are issued, and sign (签收) for their own unit only.
 */
export const meetingPolicies = {
  manage: hasRole('admin', 'office', 'supervisor'),
  /** Read meetings at all: city-wide roles, and a unit's people (decided before a meeting is looked up, so a refused role probes no ids). */
  list: ((p) => isCityWide(p) || unitPerson(p)) satisfies Policy,
  /** List scope by policy: a unit's people see the issued minutes of their unit's meetings; undefined for city-wide roles. */
  listScope: (p: Principal): number | undefined => (isCityWide(p) ? undefined : (p.unitId ?? -1)),
  /** Every meeting and every unit's receipt: city-wide roles. */
  readAll: ((p) => isCityWide(p)) satisfies Policy,
  /** A meeting: city-wide roles always; a presenting unit's people once the minutes are issued. */
  read: ((p, m) => isCityWide(p) || (m.minutes_no !== null && presented(p, m))) satisfies Policy<MeetingParty>,
  /** Sign for the issued minutes: a presenting unit's head or reporter. */
  sign: ((p, m) => m.minutes_no !== null && presented(p, m)) satisfies Policy<MeetingParty>,
};
