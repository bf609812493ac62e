import { hasRole, scopedRole, type Policy } from '../../lib/principal.js';

/**
 * Accounts: the system administrator manages them; the offices and city leaders read them all
 * (the supervision office assigns tasks to named leaders); a unit head reads their own unit's.
 */
export const userPolicies = {
  list: hasRole('admin', 'office', 'supervisor', 'leader', 'head'),
  read: scopedRole(['admin', 'office', 'supervisor', 'leader'], ['head']) satisfies Policy,
  manage: hasRole('admin'),
};
