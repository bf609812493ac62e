import { z } from 'zod';

/** How one number was reached (@kaoping/scoring's Explanation): the inputs, the rule in words, the arithmetic and the result. */
export const explanationBaseSchema = z.object({
  method: z.string(),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  rule: z.string(),
  steps: z.array(z.string()),
  result: z.number(),
  notes: z.array(z.string()).optional(),
});
