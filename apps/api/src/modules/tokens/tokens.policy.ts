import { hasRole } from '../../lib/principal.js';

/** Integration tokens carry a role of their own, so only the system administrator may issue them. */
export const tokenPolicies = { manage: hasRole('admin') };
