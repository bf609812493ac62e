import { healthSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../errors.js';
import { defineRoute } from '../../lib/route.js';

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/health',
    summary: 'Liveness and which database is in use',
    tags: ['system'],
    public: true,
    response: healthSchema,
    handler: async () => {
      try {
        await ctx.db.query('select 1');
      } catch {
        throw new AppError('UNAVAILABLE', '数据库不可用 / database unavailable');
      }
      return { status: 'ok' as const, database: ctx.db.kind };
    },
  });
}
