import { healthSchema, livenessSchema, readinessSchema } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { migrationStatus, type MigrationStatus } from '../../db/migrate.js';
import { AppError } from '../../errors.js';
import { defineRoute } from '../../lib/route.js';

const unavailable = () => new AppError('UNAVAILABLE', '数据库不可用 / database unavailable', { database: 'unreachable' });

/** Why the database's migrations are not this release's, in words an operator can act on; null when they are. */
function migrationProblem(m: MigrationStatus): string | null {
  if (m.pending.length) return `有 ${m.pending.length} 个数据库迁移尚未执行（运行 kaoping migrate）/ ${m.pending.length} database migration(s) pending (run kaoping migrate): ${m.pending.join(', ')}`;
  if (m.unknown.length) return `数据库含有本版本没有的迁移（已被更新的版本升级）/ the database holds migrations this release does not have (a newer release upgraded it): ${m.unknown.join(', ')}`;
  return null;
}

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
        throw unavailable();
      }
      return { status: 'ok' as const, database: ctx.db.kind };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/health/live',
    summary: 'Liveness: the process answers (for a restart probe; checks nothing else)',
    tags: ['system'],
    public: true,
    response: livenessSchema,
    handler: async () => ({ status: 'ok' as const }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/health/ready',
    summary: "Readiness: the database answers and holds exactly this release's migrations (503 otherwise, with the reason)",
    tags: ['system'],
    public: true,
    response: readinessSchema,
    handler: async () => {
      let migrations: MigrationStatus;
      try {
        migrations = await migrationStatus(ctx.db);
      } catch {
        throw unavailable();
      }
      const problem = migrationProblem(migrations);
      if (problem) throw new AppError('UNAVAILABLE', problem, { database: 'reachable', pending: migrations.pending, unknown: migrations.unknown });
      return { status: 'ready' as const, database: ctx.db.kind, migrations: migrations.applied };
    },
  });
}
