import { importResultSchema, userCreateSchema, userListQuerySchema, userListSchema, userSchema, userUpdateSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { sendXlsx } from '../../lib/download.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { userPolicies } from './users.policy.js';
import * as users from './users.service.js';
import { XLSX_MIME } from '../../lib/excel.js';

export function registerUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/users',
    summary: 'List accounts (a unit head sees their own unit only)',
    tags: ['users'],
    query: userListQuerySchema,
    response: userListSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, userPolicies.list);
      if (query.unitId !== undefined) authorize(principal, userPolicies.listUnit, { unitId: query.unitId }, '只能查看本单位的账号 / You can only list your own unit’s accounts');
      return { items: await users.listUsers(db, userPolicies.listScope(principal), query) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/users/export.xlsx',
    produces: [XLSX_MIME],
    summary: 'Download accounts as Excel (the same layout imports back)',
    tags: ['users'],
    handler: async ({ principal, reply }) => {
      authorize(principal, userPolicies.list);
      return sendXlsx(reply, '用户.xlsx', await users.exportUsers(db, userPolicies.listScope(principal)));
    },
  });

  defineRoute<Buffer>(app, {
    method: 'POST',
    url: '/api/users/import',
    summary: 'Create or update accounts from Excel; any wrong row imports nothing and is reported',
    tags: ['users'],
    rawBody: true,
    response: importResultSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, userPolicies.manage);
      return users.importUsers(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/users/:id',
    summary: 'One account',
    tags: ['users'],
    params: idParams,
    response: userSchema,
    handler: async ({ principal, params }) => {
      const user = await users.loadUser(db, params.id);
      authorize(principal, userPolicies.read, user);
      return users.userDto(user);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/users',
    successStatus: 201,
    summary: 'Create an account',
    tags: ['users'],
    body: userCreateSchema,
    response: userSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, userPolicies.manage);
      return users.createUser(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/users/:id',
    summary: 'Edit an account: name, role, unit, deactivate, reset password, unlock',
    tags: ['users'],
    params: idParams,
    body: userUpdateSchema,
    response: userSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, userPolicies.manage);
      return users.updateUserById(db, principal, params.id, body, audit);
    },
  });
}
