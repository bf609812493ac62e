import { hasRole, type Policy, type Principal } from '../../lib/principal.js';

/**
 * Data reporting: a unit's reporter and head enter its values and the head submits them; the
 * data-source unit (e.g. the statistics bureau for GDP) enters and reviews the indicators it
 * supplies for every unit; the performance office reviews everything and runs the periods.
 */
export const reportingPolicies = {
  readPeriods: (() => true) satisfies Policy,
  managePeriods: hasRole('admin', 'office'),
  decideCorrections: hasRole('admin', 'office'),
  /** Read a unit's data: city-wide roles and the unit itself (a data source sees more, per indicator). */
  readUnit: (p: Principal, unitId: number) => ['admin', 'office', 'supervisor', 'leader'].includes(p.role) || p.unitId === unitId,
  /** One value: as readUnit, or the data-source unit of its indicator. */
  readValue: (p: Principal, unitId: number, sourceUnitId: number | null) =>
    reportingPolicies.readUnit(p, unitId) || (p.role === 'datasource' && sourceUnitId !== null && sourceUnitId === p.unitId),
  /** Change one value (and its evidence): the unit's reporter or head for what it reports itself, the source for what it supplies. */
  enterValue: (p: Principal, unitId: number, sourceUnitId: number | null) =>
    p.role === 'datasource'
      ? sourceUnitId !== null && sourceUnitId === p.unitId
      : reportingPolicies.enterForUnit(p, unitId) && (sourceUnitId === null || sourceUnitId === unitId),
  /** Enter values for a unit: its reporter or head. Data sources are checked per indicator. */
  enterForUnit: (p: Principal, unitId: number) => (p.role === 'reporter' || p.role === 'head') && p.unitId === unitId,
  submitForUnit: (p: Principal, unitId: number) => p.role === 'head' && p.unitId === unitId,
  reviewAll: hasRole('admin', 'office'),
  /** Every unit's filing of a period (报送情况): the office. */
  readFiling: hasRole('admin', 'office'),
  /** Return an approved value of an open period: the office. */
  returnApproved: hasRole('admin', 'office'),
  /** Read an indicator's last-year values for every unit: city-wide roles and the indicator's data-source unit. */
  readLastYear: (p: Principal, sourceUnitId: number | null) =>
    ['admin', 'office', 'supervisor', 'leader'].includes(p.role) || (p.role === 'datasource' && sourceUnitId !== null && sourceUnitId === p.unitId),
  /** Enter them: the indicator's data-source unit, or the office. */
  enterLastYear: (p: Principal, sourceUnitId: number | null) =>
    p.role === 'admin' || p.role === 'office' || (p.role === 'datasource' && sourceUnitId !== null && sourceUnitId === p.unitId),
};
