import { hasRole, signedIn, type Policy, type Principal } from '../../lib/principal.js';

/** A value's cell as access goes: the unit it is for, and the indicator's data-source unit when another unit supplies it. */
export interface ValueParty {
  unitId: number;
  sourceUnitId: number | null;
}

/** A unit's data (its grid, what is due, its submission). */
export interface UnitParty {
  unitId: number;
}

/** An indicator as access goes: its data-source unit, if any. */
export interface SourcedIndicator {
  data_source_unit_id: number | null;
}

const cityWideReader = (p: Principal) => ['admin', 'office', 'supervisor', 'leader'].includes(p.role);
const isSource = (p: Principal, sourceUnitId: number | null) => p.role === 'datasource' && sourceUnitId !== null && sourceUnitId === p.unitId;
const readUnit = (p: Principal, u: UnitParty) => cityWideReader(p) || p.unitId === u.unitId;
const enterForUnit = (p: Principal, u: UnitParty) => (p.role === 'reporter' || p.role === 'head') && p.unitId === u.unitId;
const reviewAll = hasRole('admin', 'office');

/**
 * Data reporting: a unit's reporter and head enter its values and the head submits them; the
 * data-source unit (e.g. the statistics bureau for GDP) enters and reviews the indicators it
 * supplies for every unit; the performance office reviews everything and runs the periods.
 *
 * A unit's grid is authorized as a whole (`readGrid`, `enterGrid`); its rows are then limited by
 * the value rules (`readValue`, `enterValue`) applied per row: row scope by policy.
 */
export const reportingPolicies = {
  readPeriods: signedIn,
  managePeriods: hasRole('admin', 'office'),
  decideCorrections: hasRole('admin', 'office'),
  /** Read a unit's data: city-wide roles and the unit itself. */
  readUnit: readUnit satisfies Policy<UnitParty>,
  /** A unit's grid: as readUnit, or a data source (which sees the rows it supplies). */
  readGrid: ((p, u) => readUnit(p, u) || p.role === 'datasource') satisfies Policy<UnitParty>,
  /** Enter into a unit's grid: its reporter or head, or a data source (for the rows it supplies). */
  enterGrid: ((p, u) => enterForUnit(p, u) || p.role === 'datasource') satisfies Policy<UnitParty>,
  /** One value: as readUnit, or the data-source unit of its indicator. */
  readValue: ((p, v) => readUnit(p, v) || isSource(p, v.sourceUnitId)) satisfies Policy<ValueParty>,
  /** Change one value (and its evidence): the unit's reporter or head for what it reports itself, the source for what it supplies. */
  enterValue: ((p, v) =>
    p.role === 'datasource' ? isSource(p, v.sourceUnitId) : enterForUnit(p, v) && (v.sourceUnitId === null || v.sourceUnitId === v.unitId)) satisfies Policy<ValueParty>,
  /** Enter values for a unit: its reporter or head. Data sources are checked per indicator. */
  enterForUnit: enterForUnit satisfies Policy<UnitParty>,
  submitForUnit: ((p, u) => p.role === 'head' && p.unitId === u.unitId) satisfies Policy<UnitParty>,
  reviewAll,
  /** Review at all: the office, and data-source units (for what they supply: list scope by policy). */
  review: ((p) => reviewAll(p) || p.role === 'datasource') satisfies Policy,
  /** Every unit's filing of a period (报送情况): the office. */
  readFiling: hasRole('admin', 'office'),
  /** Return an approved value of an open period: the office. */
  returnApproved: hasRole('admin', 'office'),
  /** Read an indicator's last-year values for every unit: city-wide roles and the indicator's data-source unit. */
  readLastYear: ((p, i) => cityWideReader(p) || isSource(p, i.data_source_unit_id)) satisfies Policy<SourcedIndicator>,
  /** Enter them: the indicator's data-source unit, or the office. */
  enterLastYear: ((p, i) => p.role === 'admin' || p.role === 'office' || isSource(p, i.data_source_unit_id)) satisfies Policy<SourcedIndicator>,
};
