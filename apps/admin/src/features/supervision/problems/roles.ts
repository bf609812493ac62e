import type { Role } from '@kaoping/shared';

/** The roles that read every unit's problems and the inspections (ledger.policy.ts). */
export const isCityWide = (role: Role): boolean => role === 'admin' || role === 'office' || role === 'supervisor' || role === 'leader';

/** The supervision office (and the administrator): puts problems on the ledger, runs inspections, closes out and reopens. */
export const canSupervise = (role: Role): boolean => role === 'admin' || role === 'supervisor';
