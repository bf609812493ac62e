import { changePasswordSchema, loginSchema, meSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute } from '../../lib/route.js';
import { authPolicies } from './auth.policy.js';
import { SESSION_COOKIE } from '../../plugins/principal.js';
import { changePassword, getMe, login, logout } from './auth.service.js';

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/login',
    errors: ['UNAUTHENTICATED', 'RATE_LIMITED'],
    summary: 'Sign in; sets the httpOnly session cookie and returns the CSRF token for later writes',
    tags: ['auth'],
    public: true,
    body: loginSchema,
    response: meSchema,
    handler: async ({ body, req, reply, audit }) => {
      const res = await login(ctx.db, ctx.config, ctx.loginGuards, body, {
        ...audit,
        ip: req.ip,
        userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 300) : null,
      });
      const secure = ctx.config.cookieSecure === 'auto' ? req.protocol === 'https' : ctx.config.cookieSecure === 'true';
      reply.setCookie(SESSION_COOKIE, res.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        expires: res.expiresAt,
      });
      return res.me;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/auth/me',
    summary: 'The signed-in user and the CSRF token',
    tags: ['auth'],
    response: meSchema,
    handler: async ({ principal }) => {
      authorize(principal, authPolicies.self);
      if (principal.via === 'token' || principal.userId === null) {
        throw new AppError('BAD_REQUEST', 'API 令牌没有会话 / API tokens have no session');
      }
      return getMe(ctx.db, principal.userId, principal.csrfToken ?? '');
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/logout',
    successStatus: 204,
    summary: 'End the current session',
    tags: ['auth'],
    handler: async ({ principal, audit, reply }) => {
      authorize(principal, authPolicies.self);
      await logout(ctx.db, principal, audit);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/password',
    successStatus: 204,
    summary: "Change the caller's own password; other sessions end",
    tags: ['auth'],
    body: changePasswordSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, authPolicies.self);
      await changePassword(ctx.db, principal, body, audit);
    },
  });
}
