import { z } from 'zod';
import { bonusEventSchema, deductEventSchema, vetoEventSchema } from './indicator-values.js';

const id = z.number().int().positive().max(2_147_483_647);

/**
 * One recorded event of a 扣分 / 加分 / 一票否决 cell. Its shape depends on the indicator's method
 * (DeductEvent, BonusEvent or VetoEvent in indicator-values.ts), so it is checked against the
 * indicator when saved — a wrong one is refused naming the unit, indicator, period and what is allowed.
 */
export const eventSchema = z.looseObject({}).meta({
  description: '扣分 DeductEvent / 加分 BonusEvent / 一票否决 VetoEvent，依指标的计分方法而定 / shaped by the indicator’s method',
  anyOf: [deductEventSchema, bonusEventSchema, vetoEventSchema].map((s) => {
    const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input' }) as Record<string, unknown>;
    return rest;
  }),
});
/** An event as stored and sent back: any object (data stored before the checks may have any shape). */
export const recordedEventSchema = z.looseObject({});
export type RecordedEvent = z.infer<typeof recordedEventSchema>;

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

/** The office returns (退回) an approved value of an open period, with the reason the unit reads. */
export const returnValueSchema = z.strictObject({
  reason: z.string().trim().min(1, '退回须填写原因 / a return needs a reason').max(500),
});

/** Records 本期无事项 (no events this period) on event rows not yet filled: the given ones, or all the caller may enter. */
export const noEventsSchema = z.strictObject({
  unitId: id,
  periodId: id,
  indicatorIds: z.array(id).min(1).max(500).optional(),
});

/** Last year's values of one indicator, entered by its data-source unit (or the office) for the units it applies to. */
export const lastYearSaveSchema = z.strictObject({
  values: z.array(z.strictObject({ unitId: id, value: z.number().nullable() })).min(1).max(500),
});

export const PERIOD_STATUSES = ['pending', 'open', 'closed', 'locked'] as const;
export const VALUE_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;

/** One row of a unit's reporting grid: an indicator with its target, last year's value and the unit's value for the period. */
export const gridRowSchema = z.object({
  indicator: z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    points: z.number(),
    unitLabel: z.string().nullable(),
    direction: z.string(),
    method: z.string(),
    dataSourceUnitId: z.number().nullable(),
  }),
  target: z.number().nullable(),
  lastYear: z.number().nullable(),
  /** What a number may be (null on grade and event rows). */
  limits: z.object({ min: z.number(), max: z.number(), decimals: z.number().nullable() }).nullable(),
  valueId: z.number().nullable(),
  value: z.number().nullable(),
  grade: z.string().nullable(),
  /** null: nothing recorded yet; []: 本期无事项 recorded. */
  events: z.array(recordedEventSchema).nullable(),
  note: z.string().nullable(),
  status: z.enum([...VALUE_STATUSES, 'empty']),
  returnReason: z.string().nullable(),
  evidenceCount: z.number(),
  canEdit: z.boolean(),
});
export type GridRow = z.infer<typeof gridRowSchema>;

/** GET/PUT /api/data and the submit, review, import and 本期无事项 routes: a unit's grid for one period. */
export const gridSchema = z.object({
  period: z.object({ id: z.number(), key: z.string(), label: z.string(), start: z.string(), end: z.string(), status: z.enum(PERIOD_STATUSES), schemeId: z.number() }),
  unitId: z.number(),
  rows: z.array(gridRowSchema),
});
export type Grid = z.infer<typeof gridSchema>;

/** GET /api/indicators/:id/last-year: last year's value of one indicator for each unit it applies to. */
export const lastYearTableSchema = z.object({
  indicator: z.object({ id: z.number(), code: z.string(), name: z.string(), unitLabel: z.string().nullable(), dataSourceUnitId: z.number().nullable(), readsLastYear: z.boolean() }),
  canEdit: z.boolean(),
  items: z.array(
    z.object({
      unitId: z.number(),
      unitCode: z.string(),
      unitName: z.string(),
      value: z.number().nullable(),
      /** scheme: given by the published scheme (cannot change); entered: by the data-source unit. */
      source: z.enum(['scheme', 'entered']).nullable(),
    }),
  ),
});
export type LastYearTable = z.infer<typeof lastYearTableSchema>;

export const VALUE_STATUS_LABELS = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  approved: { zh: '已审核', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
} as const;

export const PERIOD_FREQUENCIES = ['tenDay', 'month', 'quarter', 'year', 'week'] as const;

/** GET /api/data/review-queue: narrowed by scheme, period, period type, indicator and the unit that supplies the data ('self': the units' own). */
export const reviewQueueQuerySchema = z.strictObject({
  schemeId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  periodId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  frequency: z.enum(PERIOD_FREQUENCIES).optional(),
  indicatorId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  source: z.union([z.literal('self'), z.coerce.number().int().positive().max(2_147_483_647)]).optional(),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

export const reviewQueueItemSchema = z.object({
  schemeId: z.number(),
  periodId: z.number(),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodStatus: z.string(),
  frequency: z.string(),
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  /** Submitted values of the unit-period that the filter keeps and the caller may decide on. */
  submitted: z.number(),
  indicatorIds: z.array(z.number()),
  submittedAt: z.string().nullable(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;
export const reviewQueueSchema = z.object({
  items: z.array(reviewQueueItemSchema),
  /** The indicators of the listed values, to filter by. */
  indicators: z.array(z.object({ id: z.number(), code: z.string(), name: z.string() })),
  /** The units supplying the data (null: the units' own reporting) with their waiting unit-periods, whatever source is chosen. */
  sources: z.array(z.object({ sourceUnitId: z.number().nullable(), name: z.string().nullable(), count: z.number() })),
});
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

/** POST /api/data/review/bulk: approve a selection of the queue at once (each value audited on its own). */
export const bulkApproveSchema = z.strictObject({
  items: z.array(z.strictObject({ unitId: id, periodId: id, indicatorIds: z.array(id).min(1).max(500).optional() })).min(1).max(500),
});
export const bulkApproveResultSchema = z.object({
  approved: z.number(),
  items: z.array(z.object({ unitId: z.number(), periodId: z.number(), ok: z.boolean(), approved: z.number(), error: z.string().nullable() })),
});
export type BulkApproveResult = z.infer<typeof bulkApproveResultSchema>;

/** GET /api/data/status: 报送情况, each unit's filing of one period (the office). */
export const filingStatusQuerySchema = z.strictObject({
  periodId: z.coerce.number().int().positive().max(2_147_483_647),
  /** Only the units that have not filed everything. */
  behind: z.enum(['1', 'true']).transform(() => true).optional(),
});
export const filingStatusSchema = z.object({
  period: z.object({ id: z.number(), key: z.string(), label: z.string(), frequency: z.string(), end: z.string(), status: z.enum(PERIOD_STATUSES) }),
  units: z.array(z.object({ unitId: z.number(), unitCode: z.string(), unitName: z.string(), expected: z.number(), filed: z.number(), drafts: z.number(), returned: z.number() })),
});
export type FilingStatus = z.infer<typeof filingStatusSchema>;

/**
 * The period of one type that is "now": the one containing today; past a scheme's last period (a
 * past year still being reported), the latest open one that has started; else the first open one.
 * Both the workbench and the period pickers open on it.
 */
export function currentPeriod<P extends { start: string; end: string; status: string }>(periods: readonly P[], today: string): P | undefined {
  const sorted = [...periods].sort((a, b) => a.start.localeCompare(b.start));
  const containing = sorted.find((p) => p.start <= today && today <= p.end);
  if (containing) return containing;
  const open = sorted.filter((p) => p.status === 'open');
  return open.filter((p) => p.start <= today).at(-1) ?? open[0] ?? sorted.filter((p) => p.start <= today).at(-1);
}

/** A reporting period of a published scheme (GET /api/schemes/:id/periods). */
export const reportingPeriodSchema = z.object({
  id: z.number(),
  frequency: z.string(),
  key: z.string(),
  label: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(PERIOD_STATUSES),
});
export type ReportingPeriod = z.infer<typeof reportingPeriodSchema>;
export const reportingPeriodListSchema = z.object({ items: z.array(reportingPeriodSchema) });
/** PATCH /api/periods/:id: the period with its new status. */
export const periodStatusChangedSchema = reportingPeriodSchema.pick({ id: true, key: true, label: true, status: true });

/** An open period in which a unit still owes values; overdue after it ends (GET /api/data/due). */
export const dueItemSchema = z.object({
  schemeId: z.number(),
  periodId: z.number(),
  periodLabel: z.string(),
  end: z.string(),
  missing: z.number(),
  drafts: z.number(),
  returned: z.number(),
  overdue: z.boolean(),
});
export type DueItem = z.infer<typeof dueItemSchema>;
export const dueListSchema = z.object({ items: z.array(dueItemSchema) });

/** An evidence file of a value, without its bytes (GET/POST /api/values/:id/evidence). */
export const valueEvidenceSchema = z.object({ id: z.number(), filename: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.string() });
export type ValueEvidence = z.infer<typeof valueEvidenceSchema>;
export const valueEvidenceListSchema = z.object({ items: z.array(valueEvidenceSchema) });

export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** A correction request as asked for and decided (POST /api/values/:id/corrections, POST /api/corrections/:id/decide). */
export const correctionSchema = z.object({
  id: z.number(),
  dataValueId: z.number(),
  status: z.enum(CORRECTION_STATUSES),
  reason: z.string(),
  newValue: z.number().nullable(),
  newGrade: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type CorrectionDto = z.infer<typeof correctionSchema>;

const correctionCell = z.object({ value: z.number().nullable(), grade: z.string().nullable(), note: z.string().nullable() });

/** A correction request with the value now and the value asked for, for the office to decide (GET /api/corrections). */
export const correctionListItemSchema = z.object({
  id: z.number(),
  status: z.enum(CORRECTION_STATUSES),
  reason: z.string(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  decisionNote: z.string().nullable(),
  dataValueId: z.number(),
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  indicatorCode: z.string(),
  indicatorName: z.string(),
  periodId: z.number(),
  periodLabel: z.string(),
  current: correctionCell,
  proposed: correctionCell,
});
export type CorrectionListItem = z.infer<typeof correctionListItemSchema>;
export const correctionListSchema = z.object({ items: z.array(correctionListItemSchema) });
export type PeriodStatusChange = z.infer<typeof periodStatusChangedSchema>;
