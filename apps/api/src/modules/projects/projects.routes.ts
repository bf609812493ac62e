import {
  monthSchema,
  projectCreateSchema,
  projectDetailSchema,
  projectDtoSchema,
  projectImportResultSchema,
  projectListQuerySchema,
  projectListSchema,
  projectRatesQuerySchema,
  projectReportSchema,
  projectSettingsDtoSchema,
  projectSettingsSchema,
  projectTaskSchema,
  projectUnitRateQuerySchema,
  projectUpdateSchema,
  ratesResponseSchema,
  reportDtoSchema,
  reportListSchema,
  taskDtoSchema,
  unitRateSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { sendXlsx } from '../../lib/download.js';
import { authorize, type Principal } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { projectPolicies } from './projects.policy.js';
import * as projects from './projects.service.js';
import { XLSX_MIME } from '../../lib/excel.js';

const reportParams = z.strictObject({ id: idParams.shape.id, month: monthSchema });

const OWN = '只能查看本单位的项目 / only your own unit’s projects';

/** Lists and rates: everyone (scoped to their unit by policy); asking for one unit, a unit's people only their own. */
function authorizeList(p: Principal, unitId: number | undefined): void {
  authorize(p, projectPolicies.list);
  if (unitId !== undefined) authorize(p, projectPolicies.readUnit, { unitId }, OWN);
}

export function registerProjectRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/projects',
    summary: 'Major projects (重大项目) of a year, category or unit (a unit sees its own), with the latest month reported',
    tags: ['projects'],
    query: projectListQuerySchema,
    response: projectListSchema,
    handler: async ({ principal, query }) => {
      authorizeList(principal, query.unitId);
      return { items: await projects.listProjects(db, principal, query), latestReportMonth: await projects.latestReportMonth(db, principal, query) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/projects',
    successStatus: 201,
    summary: 'Register a project: code, name, category, year, responsible unit and leader, planned start, annual plan, total investment, funds allocated (万元)',
    tags: ['projects'],
    body: projectCreateSchema,
    response: projectDtoSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, projectPolicies.manage);
      return projects.createProject(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/export.xlsx',
    produces: [XLSX_MIME],
    summary: 'Download the register as Excel (the same layout imports back; a unit gets its own projects)',
    tags: ['projects'],
    query: projectListQuerySchema,
    handler: async ({ principal, query, reply }) => {
      authorizeList(principal, query.unitId);
      return sendXlsx(reply, '重大项目.xlsx', await projects.exportProjects(db, principal, query));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/template.xlsx',
    produces: [XLSX_MIME],
    summary: 'An empty register to fill in and import (the export layout, one example row)',
    tags: ['projects'],
    handler: async ({ principal, reply }) => {
      authorize(principal, projectPolicies.manage);
      return sendXlsx(reply, '重大项目导入模板.xlsx', await projects.projectTemplate());
    },
  });

  defineRoute<Buffer, Record<string, never>, Record<string, never>, z.infer<typeof projectImportResultSchema>>(app, {
    method: 'POST',
    url: '/api/projects/import',
    summary: 'Create or update projects by code from an Excel file; any wrong row imports nothing and is reported by row and column',
    tags: ['projects'],
    rawBody: true,
    response: projectImportResultSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, projectPolicies.manage);
      return projects.importProjects(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/rates',
    summary: '开工率, 资金到位率, 资金支付率 and 投资完成率 as of a month, per project, per unit and overall, each against 时序进度',
    tags: ['projects'],
    query: projectRatesQuerySchema,
    response: ratesResponseSchema,
    handler: async ({ principal, query }) => {
      authorizeList(principal, query.unitId);
      return projects.projectRates(db, principal, query);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/unit-rate',
    summary: "One unit's project rate as of a month, as an assessment indicator takes it",
    tags: ['projects'],
    query: projectUnitRateQuerySchema,
    response: unitRateSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, projectPolicies.readUnit, { unitId: query.unitId }, OWN);
      return projects.projectRateForUnit(db, query.unitId, query.rate, query.asOf);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/settings',
    summary: 'The denominator of 资金支付率 and how 时序进度 is reckoned',
    tags: ['projects'],
    response: projectSettingsDtoSchema,
    handler: async ({ principal }) => {
      authorize(principal, projectPolicies.readSettings);
      return projects.loadSettings(db);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/projects/settings',
    summary: 'Set the denominator of 资金支付率 (completed investment, allocated or audited) and 时序进度 by months or days',
    tags: ['projects'],
    body: projectSettingsSchema,
    response: projectSettingsDtoSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, projectPolicies.settings);
      return projects.saveSettings(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id',
    summary: 'One project with its monthly reports and the supervised tasks made from it',
    tags: ['projects'],
    params: idParams,
    response: projectDetailSchema,
    handler: async ({ principal, params }) => {
      const project = await projects.loadProject(db, params.id);
      authorize(principal, projectPolicies.read, project, OWN);
      return projects.getProject(db, project);
    },
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/projects/:id',
    summary: 'Edit a project (not its code)',
    tags: ['projects'],
    params: idParams,
    body: projectUpdateSchema,
    response: projectDtoSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, projectPolicies.manage);
      return projects.updateProject(db, params.id, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/projects/:id/reports',
    summary: "A project's monthly reports",
    tags: ['projects'],
    params: idParams,
    response: reportListSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, projectPolicies.read, await projects.loadProject(db, params.id), OWN);
      return projects.listReports(db, params.id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/projects/:id/reports/:month',
    summary: "Enter or replace a month's report (cumulative for the year): the responsible unit's head or reporter, or the offices",
    tags: ['projects'],
    params: reportParams,
    body: projectReportSchema,
    response: reportDtoSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, projectPolicies.report, await projects.loadProject(db, params.id), '只能填报本单位的项目 / only your own unit’s projects');
      return projects.saveReport(db, principal, params.id, params.month, body, audit);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/projects/:id/task',
    successStatus: 201,
    summary: 'Make the project a supervised task in one step (source key_work, led by its unit, its responsible leader, linked by the project code)',
    tags: ['projects'],
    params: idParams,
    body: projectTaskSchema,
    response: taskDtoSchema,
    handler: async ({ principal, params, body, audit, lang }) => {
      authorize(principal, projectPolicies.makeTask);
      return projects.makeTask(db, principal, params.id, body, audit, { lang, zone: ctx.zone });
    },
  });
}
