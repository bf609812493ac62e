import { deploymentSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { defineRoute } from '../../lib/route.js';

/** Settings of the installation the pages need before they can show a date: public, nothing secret. */
export function registerDeploymentRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/deployment',
    summary: "The installation's time zone, in which the pages show every date and time",
    tags: ['system'],
    public: true,
    response: deploymentSchema,
    handler: async () => ({ timeZone: ctx.zone.name }),
  });
}
