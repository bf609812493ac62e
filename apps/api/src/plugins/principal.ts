import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import type { Principal } from '../lib/principal.js';
import { sha256 } from '../lib/tokens.js';
import { findSessionPrincipal } from '../modules/auth/sessions.repository.js';
import { findLiveToken, touchToken } from '../modules/tokens/tokens.repository.js';

export const SESSION_COOKIE = 'kp_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

async function resolve(db: Database, req: FastifyRequest): Promise<Principal | null> {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer kp_[A-Za-z0-9_-]{20,100}$/.test(auth)) {
    const token = await findLiveToken(db, sha256(auth.slice(7)));
    if (!token) return null;
    await touchToken(db, token.id);
    return {
      via: 'token',
      userId: token.created_by,
      username: token.name,
      displayName: token.name,
      role: token.role,
      unitId: token.unit_id,
      tokenId: token.id,
    };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (typeof cookie !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(cookie)) return null;
  const row = await findSessionPrincipal(db, sha256(cookie));
  if (!row) return null;
  return {
    via: 'session',
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
  };
}

/** Attaches the caller (session cookie or `Authorization: Bearer kp_…`) to every /api request. */
export function registerPrincipal(app: FastifyInstance, db: Database): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    req.principal = req.url.startsWith('/api/') ? await resolve(db, req) : null;
  });
}
