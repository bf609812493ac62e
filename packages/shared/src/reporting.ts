import { z } from 'zod';

const id = z.number().int().positive().max(2_147_483_647);
const eventSchema = z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]));

/** One cell of the reporting grid: a number, a grade (定性评价) or events (扣分/加分/否决), with a note. */
export const valueEntrySchema = z.strictObject({
  indicatorId: id,
  value: z.number().finite().nullish(),
  grade: z.string().min(1).max(10).nullish(),
  events: z.array(eventSchema).max(100).nullish(),
  note: z.string().max(1000).nullish(),
});
export type ValueEntry = z.infer<typeof valueEntrySchema>;

export const gridQuerySchema = z.strictObject({
  unitId: z.coerce.number().int().positive(),
  periodId: z.coerce.number().int().positive(),
});

export const gridSaveSchema = z.strictObject({
  unitId: id,
  periodId: id,
  values: z.array(valueEntrySchema).min(1).max(500),
});

export const submitSchema = z.strictObject({ unitId: id, periodId: id });

export const reviewSchema = z
  .strictObject({
    unitId: id,
    periodId: id,
    indicatorIds: z.array(id).min(1).max(500).optional(),
    decision: z.enum(['approve', 'return']),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((r) => r.decision === 'approve' || (r.reason?.length ?? 0) > 0, { message: '退回须填写原因 / a return needs a reason', path: ['reason'] });

export const periodStatusSchema = z.strictObject({ status: z.enum(['open', 'closed', 'locked']) });

export const correctionRequestSchema = z.strictObject({
  value: z.number().finite().nullish(),
  grade: z.string().min(1).max(10).nullish(),
  events: z.array(eventSchema).max(100).nullish(),
  note: z.string().max(1000).nullish(),
  reason: z.string().trim().min(1, '须说明更正原因 / give the reason').max(500),
});

export const correctionDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(500).optional(),
});

export const VALUE_STATUS_LABELS = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  approved: { zh: '已审核', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
} as const;
