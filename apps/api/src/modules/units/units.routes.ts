import { groupCreateSchema, groupListSchema, groupSchema, groupUpdateSchema, importResultSchema, unitCreateSchema, unitListQuerySchema, unitListSchema, unitSchema, unitUpdateSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { sendXlsx } from '../../lib/download.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { unitPolicies } from './units.policy.js';
import * as units from './units.service.js';
import { XLSX_MIME } from '../../lib/excel.js';

export function registerUnitRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/units',
    summary: 'List units with their group, ordered by group then code',
    tags: ['units'],
    query: unitListQuerySchema,
    response: unitListSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, unitPolicies.read);
      return { items: await units.listUnits(db, query) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/units/export.xlsx',
    produces: [XLSX_MIME],
    summary: 'Download all units as Excel (the same layout imports back)',
    tags: ['units'],
    handler: async ({ principal, reply }) => {
      authorize(principal, unitPolicies.read);
      return sendXlsx(reply, '单位.xlsx', await units.exportUnits(db));
    },
  });

  defineRoute<Buffer>(app, {
    method: 'POST',
    url: '/api/units/import',
    summary: 'Create or update units from an Excel file; any wrong row imports nothing and is reported',
    tags: ['units'],
    rawBody: true,
    response: importResultSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, unitPolicies.manage);
      return units.importUnits(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/units/:id',
    summary: 'One unit',
    tags: ['units'],
    params: idParams,
    response: unitSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, unitPolicies.read);
      return units.getUnit(db, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/units',
    successStatus: 201,
    summary: 'Create a unit',
    tags: ['units'],
    body: unitCreateSchema,
    response: unitSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, unitPolicies.manage);
      return units.createUnit(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/units/:id',
    summary: 'Edit a unit; {active:false} deactivates it',
    tags: ['units'],
    params: idParams,
    body: unitUpdateSchema,
    response: unitSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, unitPolicies.manage);
      return units.updateUnitById(db, params.id, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/groups',
    summary: 'Assessment groups (考核组别) with their unit counts',
    tags: ['units'],
    response: groupListSchema,
    handler: async ({ principal }) => {
      authorize(principal, unitPolicies.read);
      return { items: await units.listGroups(db) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/groups',
    successStatus: 201,
    summary: 'Create an assessment group',
    tags: ['units'],
    body: groupCreateSchema,
    response: groupSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, unitPolicies.manage);
      return units.createGroup(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/groups/:id',
    summary: 'Edit an assessment group',
    tags: ['units'],
    params: idParams,
    body: groupUpdateSchema,
    response: groupSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, unitPolicies.manage);
      return units.updateGroupById(db, params.id, body, audit);
    },
  });
}
