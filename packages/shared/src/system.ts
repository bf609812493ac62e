import { z } from 'zod';

/** GET /api/health: the service answers and which database it runs on. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
});
export type Health = z.infer<typeof healthSchema>;

/** GET /api/health/live: the process answers (it checks nothing else, so a slow database does not get it restarted). */
export const livenessSchema = z.object({ status: z.literal('ok') });
export type Liveness = z.infer<typeof livenessSchema>;

/** GET /api/health/ready: the database answers and holds exactly this release's migrations; otherwise 503. */
export const readinessSchema = z.object({
  status: z.literal('ready'),
  database: z.enum(['pglite', 'postgresql']),
  /** How many migrations the database holds (all of this release's files). */
  migrations: z.number().int(),
});
export type Readiness = z.infer<typeof readinessSchema>;
