import { hasRole, isCityWide, type Policy } from '../../lib/principal.js';

/**
 * Public evaluation: the performance office runs campaigns and reviews responses; city-wide
 * readers follow them. Results are sealed for everyone until a campaign closes (see the service).
 */
export const campaignPolicies = {
  read: ((p) => isCityWide(p)) satisfies Policy,
  manage: hasRole('admin', 'office'),
  review: hasRole('admin', 'office'),
  /** The development SMS provider's outbox: the administrator's, for testing without a gateway. */
  readSmsOutbox: hasRole('admin'),
};
