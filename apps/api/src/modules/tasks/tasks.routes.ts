import { TASK_SOURCES, supervisionSettingsSchema, taskActionSchema, taskCreateSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { TASK_STATUSES } from './flow.js';
import { taskPolicies } from './tasks.policy.js';
import * as tasks from './tasks.service.js';

const listQuery = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  source: z.enum(TASK_SOURCES).optional(),
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  light: z.enum(['green', 'blue', 'yellow', 'red']).optional(),
});

export function registerTaskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;

  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks',
    summary: 'Supervised tasks with their lights (a unit sees those it leads or helps with)',
    tags: ['supervision'],
    query: listQuery,
    handler: async ({ principal, query }) => tasks.listTasks(db, principal, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks',
    summary: 'Register a task (立项): source, lead and co-units, responsible leader, deadline, milestones',
    tags: ['supervision'],
    body: taskCreateSchema,
    handler: async ({ principal, body, audit, reply }) => {
      authorize(principal, taskPolicies.create);
      reply.code(201);
      return tasks.createTask(db, body, principal, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/tasks/:id',
    summary: 'One task: its light, milestones, every step taken, and the steps open to the caller',
    tags: ['supervision'],
    params: idParams,
    handler: async ({ principal, params }) => tasks.getTask(db, principal, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/tasks/:id/actions',
    summary: 'Take a step: submit, approve, reject, sign, report, feedback, accept, return, reopen',
    tags: ['supervision'],
    params: idParams,
    body: taskActionSchema,
    handler: async ({ principal, params, body, audit }) => tasks.act(db, principal, params.id, body, audit),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/supervision/settings',
    summary: 'Flow steps and light thresholds',
    tags: ['supervision'],
    handler: async () => tasks.loadSettings(db),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/supervision/settings',
    summary: 'Switch the leader review and signing steps; set the light thresholds',
    tags: ['supervision'],
    body: supervisionSettingsSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, taskPolicies.settings);
      return tasks.saveSettings(db, body, audit);
    },
  });
}
