import { z } from 'zod';

/** GET /api/health: the service answers and which database it runs on. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
});
export type Health = z.infer<typeof healthSchema>;
