import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { Principal } from '../lib/principal.js';
import { sha256 } from '../lib/tokens.js';
import { findSessionPrincipal } from '../modules/users/sessions.repository.js';
import { issuerCovers } from '../modules/tokens/tokens.policy.js';
import { findLiveToken, touchToken } from '../modules/tokens/tokens.repository.js';

export const SESSION_COOKIE = 'kp_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Why credentials that were sent are not accepted (so the 401 can say so); null otherwise. */
    authProblem: string | null;
  }
}

const TOKEN_DEAD = 'API 令牌无效、已吊销或已过期 / the API token is unknown, revoked or expired';
const TOKEN_OUTGROWN =
  'API 令牌已失效：签发账号的角色或单位已变更，令牌不能超出签发人现有的权限 / the API token no longer works: its issuer’s role or unit changed, and a token never has more rights than its issuer';

type Resolved = { principal: Principal } | { problem: string } | null;

async function resolve(db: Database, req: FastifyRequest): Promise<Resolved> {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer kp_[A-Za-z0-9_-]{20,100}$/.test(auth)) {
    const token = await findLiveToken(db, sha256(auth.slice(7)));
    if (!token) return { problem: TOKEN_DEAD };
    if (!issuerCovers({ role: token.issuer_role, unitId: token.issuer_unit_id }, { role: token.role, unitId: token.unit_id })) return { problem: TOKEN_OUTGROWN };
    await touchToken(db, token.id);
    return {
      principal: {
        via: 'token',
        userId: token.created_by,
        username: token.name,
        displayName: token.name,
        role: token.role,
        unitId: token.unit_id,
        tokenId: token.id,
        scope: token.scope,
      },
    };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (typeof cookie !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(cookie)) return null;
  const row = await findSessionPrincipal(db, sha256(cookie));
  if (!row) return null;
  return {
    principal: {
      via: 'session',
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      unitId: row.unit_id,
      sessionId: row.session_id,
      csrfToken: row.csrf_token,
    },
  };
}

/** Attaches the caller (session cookie or `Authorization: Bearer kp_…`) to every /api request. */
export function registerPrincipal(app: FastifyInstance, db: Database): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authProblem', null);
  app.addHook('onRequest', async (req) => {
    const found = req.url.startsWith('/api/') ? await resolve(db, req) : null;
    req.principal = found && 'principal' in found ? found.principal : null;
    req.authProblem = found && 'problem' in found ? found.problem : null;
  });
}
