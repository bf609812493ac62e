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

/** The zone of a deployment that sets no TIME_ZONE: the platform's cities are in China. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** GET /api/deployment: what every page must know of this installation before it shows a time. */
export const deploymentSchema = z.object({
  /** IANA zone (TIME_ZONE) in which every date and time is shown and exported, whatever the browser's zone. */
  timeZone: z.string(),
});
export type Deployment = z.infer<typeof deploymentSchema>;
