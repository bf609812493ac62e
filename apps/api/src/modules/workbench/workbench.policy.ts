import type { Principal } from '../../lib/principal.js';

export type WorkbenchLayout = 'office' | 'supervisor' | 'leader' | 'unit' | 'datasource';

/**
 * Which workbench a caller gets, decided here from the principal and never asked for: the
 * administrator works as the performance office; a unit's reporter and head share one layout
 * (the head's adds what waits for their submission). Every figure on it is read through the
 * services of its lists, with their own policies, so a workbench never shows more than the lists.
 */
export function workbenchRole(p: Principal): WorkbenchLayout {
  switch (p.role) {
    case 'admin':
    case 'office':
      return 'office';
    case 'supervisor':
      return 'supervisor';
    case 'leader':
      return 'leader';
    case 'head':
    case 'reporter':
      return 'unit';
    case 'datasource':
      return 'datasource';
  }
}

export const workbenchPolicies = {
  /** Everyone signed in has a workbench. */
  read: (() => true) as (p: Principal) => boolean,
};
