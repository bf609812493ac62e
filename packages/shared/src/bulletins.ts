import { z } from 'zod';

/** Bulletins (通报): series, bulletins built from live data as of a date, and the units' receipts (签收). */

export const BULLETIN_SECTIONS = ['overview', 'rankings', 'progress', 'tasks', 'ledger', 'inspections', 'projects', 'participation', 'requirements'] as const;
export type BulletinSection = (typeof BULLETIN_SECTIONS)[number];

export const BULLETIN_SECTION_LABELS: Record<BulletinSection, { zh: string; en: string }> = {
  overview: { zh: '总体情况', en: 'Overall situation' },
  rankings: { zh: '考核排名', en: 'Rankings' },
  progress: { zh: '落后时序进度的指标', en: 'Indicators behind 时序进度' },
  tasks: { zh: '督办事项亮灯', en: 'Task lights' },
  ledger: { zh: '问题挂账销号', en: 'Problem ledger' },
  inspections: { zh: '暗访督查发现的问题', en: 'Inspection findings' },
  projects: { zh: '重大项目推进', en: 'Major projects' },
  participation: { zh: '公众评估参与情况', en: 'Public evaluation participation' },
  requirements: { zh: '下步工作要求', en: 'Next steps' },
};

export const BULLETIN_STATUSES = ['draft', 'approved', 'issued'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];
export const SERIES_KINDS = ['ten_day', 'supervision', 'special'] as const;

const isoDate = z.iso.date();
const unitRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

export const bulletinSeriesSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(SERIES_KINDS),
  numberPrefix: z.string(),
  issuer: z.string(),
  officeRole: z.enum(['office', 'supervisor']),
  recipients: z.array(unitRef),
  addresseeText: z.string(),
  copyTo: z.array(z.string()),
  signer: z.object({ id: z.number(), name: z.string() }).nullable(),
  sections: z.array(z.enum(BULLETIN_SECTIONS)),
});
export type BulletinSeries = z.infer<typeof bulletinSeriesSchema>;
export const bulletinSeriesListSchema = z.object({ items: z.array(bulletinSeriesSchema) });

export const bulletinSeriesUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  numberPrefix: z.string().trim().min(1).max(30).optional(),
  issuer: z.string().trim().min(1).max(100).optional(),
  recipientIds: z.array(z.number().int().positive()).max(500).optional(),
  addresseeText: z.string().trim().max(200).optional(),
  copyTo: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
  signerId: z.number().int().positive().nullable().optional(),
  sections: z.array(z.enum(BULLETIN_SECTIONS)).min(1).optional(),
});
export type BulletinSeriesUpdate = z.infer<typeof bulletinSeriesUpdateSchema>;

const figure = z.union([z.number(), z.null()]);
const lights = z.object({ green: z.number(), blue: z.number(), yellow: z.number(), red: z.number(), overdue: z.number() });

/** The figures of a bulletin, frozen when its draft is built (or rebuilt). */
export const bulletinSnapshotSchema = z.object({
  asOf: isoDate,
  /** The days the bulletin reports on: from the day after the previous bulletin of the series (or the 旬's start) to asOf. */
  from: isoDate,
  builtAt: z.string(),
  run: z.object({ id: z.number(), asOf: isoDate }).nullable(),
  rankings: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      units: z.array(z.object({ unitId: z.number(), name: z.string(), total: z.number(), rank: z.number(), grade: z.string(), prevRank: figure, change: figure })),
    }),
  ),
  progress: z.array(
    z.object({
      unitId: z.number(),
      name: z.string(),
      red: z.array(z.object({ code: z.string(), name: z.string(), completion: z.number(), expected: z.number(), lag: z.number() })),
      yellow: z.array(z.object({ code: z.string(), name: z.string(), completion: z.number(), expected: z.number(), lag: z.number() })),
    }),
  ),
  tasks: z.object({
    totals: lights,
    units: z.array(lights.extend({ unitId: z.number(), name: z.string() })),
    overdue: z.array(z.object({ id: z.number(), title: z.string(), unit: z.string(), unitId: z.number(), leader: z.string(), deadline: isoDate, reason: z.string() })),
  }),
  ledger: z.object({
    opened: z.number(),
    closed: z.number(),
    open: z.number(),
    overdue: z.number(),
    units: z.array(z.object({ unitId: z.number(), name: z.string(), opened: z.number(), closed: z.number(), open: z.number(), overdue: z.number() })),
  }),
  inspections: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      date: z.string(),
      findings: z.array(z.object({ id: z.number(), unitId: z.number().nullable(), unit: z.string(), description: z.string(), place: z.string(), mediaIds: z.array(z.number()) })),
    }),
  ),
  projects: z.object({
    schedule: z.number().nullable(),
    units: z.array(z.object({ unitId: z.number(), name: z.string(), projectCount: z.number(), start: figure, funding: figure, payment: figure, investment: figure, lagging: z.array(z.string()) })),
  }),
  participation: z.array(z.object({ id: z.number(), name: z.string(), responses: z.number(), invited: z.number(), suggestions: z.number() })),
  /** Units named anywhere in the figures, for the archive's "unit mentioned" search. */
  mentions: z.array(z.number()),
});
export type BulletinSnapshot = z.infer<typeof bulletinSnapshotSchema>;

export const bulletinChangeSchema = z.object({ label: z.string(), from: z.union([z.number(), z.string(), z.null()]), to: z.union([z.number(), z.string(), z.null()]) });
export type BulletinChange = z.infer<typeof bulletinChangeSchema>;

export const bulletinReceiptSchema = z.object({
  unit: unitRef,
  deliveredAt: z.string(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  remindedAt: z.string().nullable(),
  reminders: z.number(),
});
export type BulletinReceipt = z.infer<typeof bulletinReceiptSchema>;

export const bulletinSummarySchema = z.object({
  id: z.number(),
  series: z.object({ id: z.number(), name: z.string(), kind: z.enum(SERIES_KINDS) }),
  docNumber: z.string().nullable(),
  title: z.string(),
  periodLabel: z.string(),
  asOf: isoDate,
  status: z.enum(BULLETIN_STATUSES),
  issuedAt: z.string().nullable(),
  /** Receipts: how many units signed of how many it was sent to (issued bulletins). */
  signed: z.number(),
  recipients: z.number(),
  /** For a unit user: when their unit signed, null if not yet. */
  ownSignedAt: z.string().nullable().optional(),
});
export type BulletinSummary = z.infer<typeof bulletinSummarySchema>;
export const bulletinListSchema = z.object({ items: z.array(bulletinSummarySchema), total: z.number() });
export type BulletinList = z.infer<typeof bulletinListSchema>;

export const bulletinSchema = bulletinSummarySchema.extend({
  sections: z.array(z.object({ key: z.enum(BULLETIN_SECTIONS), enabled: z.boolean() })),
  overview: z.string(),
  requirements: z.string(),
  snapshot: bulletinSnapshotSchema.nullable(),
  builtAt: z.string().nullable(),
  changes: z.array(bulletinChangeSchema),
  addressees: z.array(z.string()),
  copyTo: z.array(z.string()),
  signer: z.object({ id: z.number(), name: z.string() }).nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  issueDate: isoDate.nullable(),
  receipts: z.array(bulletinReceiptSchema),
  /** What the caller may do now. */
  can: z.object({ edit: z.boolean(), approve: z.boolean(), issue: z.boolean(), sign: z.boolean(), remind: z.boolean() }),
});
export type Bulletin = z.infer<typeof bulletinSchema>;

export const bulletinListQuerySchema = z.strictObject({
  seriesId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  status: z.enum(BULLETIN_STATUSES).optional(),
  /** Words of the number or the title, e.g. 〔2021〕12 or 11月中旬. */
  q: z.string().trim().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Bulletins that name this unit in their figures or were sent to it. */
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** `1`: issued bulletins not yet signed for — by the caller's unit (a unit's people), by some unit (city-wide roles). */
  unsigned: z.enum(['1']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type BulletinListQuery = z.infer<typeof bulletinListQuerySchema>;

export const bulletinCreateSchema = z.strictObject({
  seriesId: z.number().int().positive(),
  asOf: isoDate,
  title: z.string().trim().min(1).max(200).optional(),
  periodLabel: z.string().trim().max(50).optional(),
  sections: z.array(z.enum(BULLETIN_SECTIONS)).min(1).optional(),
});
export type BulletinCreate = z.infer<typeof bulletinCreateSchema>;

export const bulletinUpdateSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  overview: z.string().max(20_000).optional(),
  requirements: z.string().max(20_000).optional(),
  sections: z.array(z.object({ key: z.enum(BULLETIN_SECTIONS), enabled: z.boolean() })).min(1).optional(),
  recipientIds: z.array(z.number().int().positive()).max(500).optional(),
  copyTo: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
});
export type BulletinUpdate = z.infer<typeof bulletinUpdateSchema>;

export const bulletinRemindSchema = z.strictObject({ unitIds: z.array(z.number().int().positive()).max(500).optional() });
export const bulletinRemindResultSchema = z.object({ reminded: z.number() });

/** The workbench card: for the office what to approve/issue and who has not signed; for a unit what waits for its signature. */
export const bulletinPendingSchema = z.object({
  /** Drafts to approve (the caller is their signer) or approved ones to issue (the caller's office). */
  toApprove: z.array(bulletinSummarySchema),
  toIssue: z.array(bulletinSummarySchema),
  drafts: z.array(bulletinSummarySchema),
  /** The latest issued bulletin of each series the caller issues, with the units that have not signed for it. */
  unsigned: z.array(z.object({ bulletin: bulletinSummarySchema, units: z.array(unitRef) })),
  /** For a unit user: issued bulletins addressed to the unit and not yet signed for. */
  toSign: z.array(bulletinSummarySchema),
});
export type BulletinPending = z.infer<typeof bulletinPendingSchema>;
