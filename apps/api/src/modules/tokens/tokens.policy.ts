import type { Role } from '@kaoping/shared';
import { hasRole, type Principal } from '../../lib/principal.js';

/** Integration tokens carry a role of their own, so only the system administrator may issue them. */
export const tokenPolicies = { manage: hasRole('admin') };

/**
 * Whether an account may hold a token acting as `token`: an administrator any role, anyone else
 * only their own role in their own unit. Checked when a token is issued and again at every use
 * against what the issuer is now, so a token never has more than its issuer.
 */
export function issuerCovers(issuer: { role: Role; unitId: number | null }, token: { role: Role; unitId: number | null }): boolean {
  return issuer.role === 'admin' || (issuer.role === token.role && issuer.unitId === token.unitId);
}

/** Tokens are minted by a person at a keyboard, never by another token. */
export const mintedBySession = (p: Principal): boolean => p.via === 'session';
