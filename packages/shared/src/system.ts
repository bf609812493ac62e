import { z } from 'zod';

/** GET /api/health: the service answers and which database it runs on. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
});
export type Health = z.infer<typeof healthSchema>;

/** The zone of a deployment that sets no TIME_ZONE: the platform's cities are in China. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** GET /api/deployment: what every page must know of this installation before it shows a time. */
export const deploymentSchema = z.object({
  /** IANA zone (TIME_ZONE) in which every date and time is shown and exported, whatever the browser's zone. */
  timeZone: z.string(),
});
export type Deployment = z.infer<typeof deploymentSchema>;
