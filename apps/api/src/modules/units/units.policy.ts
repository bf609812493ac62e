import { hasRole, type Policy } from '../../lib/principal.js';

/** Units and groups are the city's shared map: everyone signed in reads them; the performance office keeps them. */
export const unitPolicies = {
  read: (() => true) satisfies Policy,
  manage: hasRole('admin', 'office'),
};
