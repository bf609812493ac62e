import { isCityWide, signedIn, type Policy, type Principal } from '../../lib/principal.js';

/** A series as access goes: the office that issues it (`office` or `supervisor`). */
export interface SeriesParty {
  office_role: string;
}

/** A bulletin as access goes: its state, the units it is addressed to, its designated signer. */
export interface BulletinParty {
  status: string;
  recipients: number[];
  signer_id: number | null;
}

const unitPerson = (p: Principal) => (p.role === 'head' || p.role === 'reporter') && p.unitId !== null;
const addressed = (p: Principal, b: BulletinParty) => b.status === 'issued' && unitPerson(p) && b.recipients.includes(p.unitId!);
const ofOffice = (p: Principal, s: SeriesParty) => p.role === 'admin' || p.role === s.office_role;

/**
 * Bulletins: the office that issues a series (the performance office, or the supervision office for
 * 督查通报) drafts, edits and issues; the series' designated signer approves; city-wide roles read
 * them all; a unit's people read only issued bulletins addressed to their unit and sign only for it.
 */
export const bulletinPolicies = {
  readAll: ((p) => isCityWide(p)) satisfies Policy,
  /** The archive: city-wide roles, and a unit's people (limited by `listScope`). */
  list: ((p) => isCityWide(p) || unitPerson(p)) satisfies Policy,
  /** List scope by policy: the unit whose addressed bulletins a unit's people see; undefined for city-wide roles. */
  listScope: (p: Principal): number | undefined => (isCityWide(p) ? undefined : (p.unitId ?? -1)),
  /** What waits on the caller (workbench): everyone; the service lists it by these rules. */
  pending: signedIn,
  /** One bulletin: city-wide roles any; a unit's people an issued one addressed to their unit. */
  read: ((p, b) => isCityWide(p) || addressed(p, b)) satisfies Policy<BulletinParty>,
  /** Draft, edit, build, issue the bulletins of a series and remind its units: the series' office. */
  manage: ofOffice satisfies Policy<SeriesParty>,
  /** Anyone who may draft some series. */
  draftAny: ((p) => p.role === 'admin' || p.role === 'office' || p.role === 'supervisor') satisfies Policy,
  approve: ((p, b) => (b.signer_id === null ? p.role === 'admin' : p.userId === b.signer_id)) satisfies Policy<BulletinParty>,
  /** Sign for an issued bulletin addressed to the caller's unit. */
  sign: addressed satisfies Policy<BulletinParty>,
  editSeries: ofOffice satisfies Policy<SeriesParty>,
};
