import { hasRole, scopedRole, type Policy } from '../../lib/principal.js';

/**
 * Accounts: the system administrator manages them; the offices read them all;
 * a unit head reads the accounts of their own unit.
 */
export const userPolicies = {
  list: hasRole('admin', 'office', 'head'),
  read: scopedRole(['admin', 'office'], ['head']) satisfies Policy,
  manage: hasRole('admin'),
};
