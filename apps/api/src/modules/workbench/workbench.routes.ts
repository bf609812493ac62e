import { workbenchSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { authorize } from '../../lib/principal.js';
import { defineRoute } from '../../lib/route.js';
import { workbenchPolicies } from './workbench.policy.js';
import { getWorkbench } from './workbench.service.js';

export function registerWorkbenchRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/workbench',
    summary: "The caller's workbench (工作台), its layout by role: what to do today, each figure with the link of the filtered list it counts",
    tags: ['workbench'],
    response: workbenchSchema,
    handler: async ({ principal, lang }) => {
      authorize(principal, workbenchPolicies.read);
      return getWorkbench(ctx.db, principal, { lang, zone: ctx.zone });
    },
  });
}
