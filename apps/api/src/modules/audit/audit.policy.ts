import { scopedRole, hasRole } from '../../lib/principal.js';

/** City-wide offices and leaders read the whole log; a unit head reads their unit's entries. */
export const auditPolicies = {
  read: scopedRole(['admin', 'office', 'supervisor', 'leader'], ['head']),
  verify: hasRole('admin'),
};
