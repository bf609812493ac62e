import type { Role, TokenScope } from '@kaoping/shared';
import { AppError, forbidden } from '../errors.js';
import type { AuditContext } from '../modules/audit/audit.service.js';

/** Who is calling: a signed-in user (session) or an integration (API token acting with a role). */
export interface Principal {
  via: 'session' | 'token';
  userId: number | null;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  sessionId?: string;
  csrfToken?: string;
  tokenId?: number;
  /** A token's scope: `read` tokens may only read (GET). */
  scope?: TokenScope;
}

/** A named rule: a function of the principal (and, for scoped rules, the unit the resource belongs to). */
export type Policy = (p: Principal, resourceUnitId?: number | null) => boolean;

/** Throws 403 unless the rule allows; every handler calls this before touching data. */
export function authorize(p: Principal, policy: Policy, resourceUnitId?: number | null): void {
  if (!policy(p, resourceUnitId)) throw forbidden();
}

export function requirePrincipal(p: Principal | null): Principal {
  if (!p) throw new AppError('UNAUTHENTICATED', '请先登录 / Please sign in');
  return p;
}

/** City-wide roles see every unit; unit roles only their own. */
export const isCityWide = (p: Principal) => !['head', 'reporter', 'datasource'].includes(p.role);

export const hasRole =
  (...roles: Role[]): Policy =>
  (p) =>
    roles.includes(p.role);

/** Allows city-wide holders of `roles` anything, and holders of `unitRoles` only for their own unit. */
export const scopedRole =
  (roles: Role[], unitRoles: Role[]): Policy =>
  (p, unitId) =>
    roles.includes(p.role) || (unitRoles.includes(p.role) && unitId !== undefined && unitId !== null && unitId === p.unitId);

export function auditContext(p: Principal | null, requestId: string, ip: string): AuditContext {
  return {
    actorId: p?.userId ?? null,
    actorName: p ? (p.via === 'token' ? `token:${p.username}` : p.username) : 'anonymous',
    tokenId: p?.tokenId ?? null,
    requestId,
    ip,
  };
}
