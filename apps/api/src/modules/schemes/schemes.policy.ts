import { hasRole, type Policy } from '../../lib/principal.js';

/** Every signed-in user reads the schemes that assess them; the performance office writes and publishes them. */
export const schemePolicies = {
  read: (() => true) satisfies Policy,
  manage: hasRole('admin', 'office'),
};
