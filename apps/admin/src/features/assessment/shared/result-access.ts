import type { Role } from '@kaoping/shared';

/** Mirrors the API's score policies: the offices and leaders see every unit; a unit's people see their own. */
export const seesAllResults = (role: Role): boolean => !['head', 'reporter', 'datasource'].includes(role);

/** Only the performance office and administrators run scoring. */
export const canRunScoring = (role: Role): boolean => role === 'admin' || role === 'office';
