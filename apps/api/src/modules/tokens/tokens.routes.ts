import { apiTokenCreatedSchema, apiTokenListSchema, tokenCreateSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { tokenPolicies } from './tokens.policy.js';
import * as tokens from './tokens.service.js';

export function registerTokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  defineRoute(app, {
    method: 'GET',
    url: '/api/tokens',
    summary: 'API tokens for integrations (secrets are never shown again)',
    tags: ['tokens'],
    response: apiTokenListSchema,
    handler: async ({ principal }) => {
      authorize(principal, tokenPolicies.manage);
      return { items: await tokens.listTokens(db) };
    },
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/tokens',
    successStatus: 201,
    summary: 'Issue a token acting with a role (and unit); send it as `Authorization: Bearer kp_…`',
    tags: ['tokens'],
    body: tokenCreateSchema,
    response: apiTokenCreatedSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, tokenPolicies.manage);
      return tokens.createToken(db, principal, body, audit);
    },
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/tokens/:id',
    successStatus: 204,
    summary: 'Revoke a token',
    tags: ['tokens'],
    params: idParams,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, tokenPolicies.manage);
      await tokens.revokeTokenById(db, params.id, audit);
    },
  });
}
