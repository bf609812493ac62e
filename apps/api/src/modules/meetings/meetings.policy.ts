import { hasRole, isCityWide, type Principal } from '../../lib/principal.js';

/**
 * Review meetings: the performance office and the supervision office prepare them, record the
 * comments and issue the minutes; every city-wide role (市领导 above all) reads them.
 */
export const meetingPolicies = {
  manage: hasRole('admin', 'office', 'supervisor'),
  read: (p: Principal) => isCityWide(p),
};
