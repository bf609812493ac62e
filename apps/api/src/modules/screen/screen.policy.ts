import { hasRole } from '../../lib/principal.js';

/**
 * The leaders' big screen opens for the city leaders, the performance office and the supervision
 * office (and the administrator who sets up the hall); the performance office makes and revokes the
 * hall PC's display links.
 */
export const screenPolicies = {
  view: hasRole('leader', 'office', 'supervisor', 'admin'),
  manageKiosks: hasRole('office', 'admin'),
};
