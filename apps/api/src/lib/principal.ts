import { AsyncLocalStorage } from 'node:async_hooks';
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

/**
 * A named rule of a module's `.policy.ts`: whether the principal may do one thing, to one resource
 * when the rule is about a resource (the loaded record: a task with its units, a ledger problem, a
 * reporting value with its unit and source unit…). Rules about the role alone take no resource.
 */
export type Policy<R = void> = (p: Principal, resource: R) => boolean;

/**
 * Whether `authorize` ran during the current request. A signed-in route's handler must call it (see
 * defineRoute, lib/route.ts): the store is per request, so whichever principal object a handler
 * passes, the check is noticed.
 */
const decisions = new AsyncLocalStorage<AuthorizationRecord>();

/** What a request's handler has decided so far: whether it called `authorize`. */
export interface AuthorizationRecord {
  authorized: boolean;
}

/** Runs a handler so that `authorize`, called anywhere within it, marks `record`. */
export const recordingAuthorization = <T>(record: AuthorizationRecord, fn: () => Promise<T>): Promise<T> => decisions.run(record, fn);

/**
 * The one authorization check: throws 403 (with `why`, when given) unless the policy allows. Every
 * signed-in route calls it in its handler, with a role rule before touching data or with a
 * resource rule once it has loaded the resource (load → authorize → act).
 */
export function authorize(p: Principal, policy: Policy): void;
export function authorize<R>(p: Principal, policy: Policy<R>, resource: R, why?: string): void;
export function authorize<R>(p: Principal, policy: Policy<R>, resource?: R, why?: string): void {
  const state = decisions.getStore();
  if (state) state.authorized = true;
  if (!policy(p, resource as R)) throw forbidden(why);
}

export function requirePrincipal(p: Principal | null): Principal {
  if (!p) throw new AppError('UNAUTHENTICATED', '请先登录 / Please sign in');
  return p;
}

/** City-wide roles see every unit; unit roles only their own. */
export const isCityWide = (p: Principal) => !['head', 'reporter', 'datasource'].includes(p.role);

/** Anyone signed in (or a token acting with any role): for routes whose data every role may read. */
export const signedIn: Policy = () => true;

export const hasRole =
  (...roles: Role[]): Policy =>
  (p) =>
    roles.includes(p.role);

/** A resource that belongs to one unit (a user, a project, an audit entry…). */
export interface OfUnit {
  unitId: number | null;
}

/** Allows city-wide holders of `roles` anything, and holders of `unitRoles` only for a resource of their own unit. */
export const scopedRole =
  (roles: Role[], unitRoles: Role[]): Policy<OfUnit> =>
  (p, r) =>
    roles.includes(p.role) || (unitRoles.includes(p.role) && r.unitId !== null && r.unitId === p.unitId);

/**
 * The unit a list is limited to for this caller (list scope by policy): undefined for city-wide
 * roles, who see every unit; the caller's own unit otherwise (-1, matching nothing, without one).
 */
export const ownUnitScope = (p: Principal): number | undefined => (isCityWide(p) ? undefined : (p.unitId ?? -1));

export function auditContext(p: Principal | null, requestId: string, ip: string): AuditContext {
  return {
    actorId: p?.userId ?? null,
    actorName: p ? (p.via === 'token' ? `token:${p.username}` : p.username) : 'anonymous',
    tokenId: p?.tokenId ?? null,
    requestId,
    ip,
  };
}
