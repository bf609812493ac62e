import { z } from 'zod';
import { explanationBaseSchema } from './explanation.js';

/** Major projects (重大项目): the kinds Hengyang tracks. */
export const PROJECT_CATEGORIES = ['central_budget', 'special_bond', 'key'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export const PROJECT_CATEGORY_LABELS: Record<ProjectCategory, { zh: string; en: string }> = {
  central_budget: { zh: '中央预算内', en: 'Central-budget investment' },
  special_bond: { zh: '专项债', en: 'Special-purpose bond' },
  key: { zh: '重点项目', en: 'Key project' },
};

/** The four project rates (DOMAIN.md §4), named as in @kaoping/scoring. */
export const PROJECT_RATES = ['startRate', 'fundsInPlaceRate', 'paymentRate', 'investmentCompletionRate'] as const;
export type ProjectRateName = (typeof PROJECT_RATES)[number];

export const PROJECT_RATE_LABELS: Record<ProjectRateName, string> = {
  startRate: '开工率',
  fundsInPlaceRate: '资金到位率',
  paymentRate: '资金支付率',
  investmentCompletionRate: '投资完成率',
};

/** The rates' English names, for explanations written in English. */
export const PROJECT_RATE_LABELS_EN: Record<ProjectRateName, string> = {
  startRate: 'start rate',
  fundsInPlaceRate: 'funds-in-place rate',
  paymentRate: 'payment rate',
  investmentCompletionRate: 'investment completion rate',
};

/** What 资金支付率 divides by: completed investment (default), funds allocated, or the audited amount. */
export const PAYMENT_BASES = ['completedInvestment', 'allocated', 'audited'] as const;
/** 时序进度 by months elapsed ÷ 12 (default) or by days elapsed ÷ days in the year. */
export const PROGRESS_BASES = ['month', 'day'] as const;

const isoDate = z.iso.date();
/** A calendar month, "2021-08". */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM / a month as YYYY-MM');
/** Amounts are in 万元 (ten thousand yuan), as project tables give them. */
const amount = z.number().finite().min(0, '金额不能为负 / must not be negative').max(1e10, '金额过大 / too large');
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), '不能含控制字符 / no control characters');

/**
 * 连线项目现场: the address of a live stream of the site — an http(s) URL of an HLS playlist (.m3u8),
 * as camera and site-monitoring platforms give it. Empty or null clears it.
 */
export const streamUrlSchema = z
  .string()
  .trim()
  .max(500, '直播地址过长 / the stream address is too long')
  .refine((s) => {
    if (s === '') return true;
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && /\.m3u8$/i.test(u.pathname);
    } catch {
      return false;
    }
  }, '直播地址须为以 .m3u8 结尾的 http(s) 地址 / the stream address must be an http(s) URL ending in .m3u8 (HLS)')
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const projectCreateSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,39}$/, '项目代码为 2–40 位字母、数字、. - 或 _ / 2–40 letters, digits, . - or _'),
  name: text(2, 120),
  category: z.enum(PROJECT_CATEGORIES),
  /** The year the annual plan is for. */
  year: z.number().int().min(2000).max(2100),
  unitId: z.number().int().positive().max(2_147_483_647),
  /** 实名制: the leader answerable for the project, by name. */
  responsibleLeader: text(2, 60),
  plannedStart: isoDate,
  annualPlan: amount,
  totalInvestment: amount,
  fundsAllocated: amount,
  streamUrl: streamUrlSchema.optional(),
});
export type ProjectCreate = z.infer<typeof projectCreateSchema>;

export const projectUpdateSchema = projectCreateSchema.omit({ code: true }).partial();
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;

export const projectListQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

/** A monthly report: cumulative figures of the year up to the end of the month. */
export const projectReportSchema = z
  .strictObject({
    /** Investment completed this year, cumulative. */
    completedInvestment: amount,
    /** Funds in place (到位资金), cumulative. */
    fundsInPlace: amount,
    /** Funds paid (已支付资金), cumulative. */
    fundsPaid: amount,
    /** The audited amount (审定金额), needed only when 资金支付率 divides by it. */
    auditedAmount: amount.nullish(),
    started: z.boolean(),
    startedOn: isoDate.nullish(),
    note: z.string().max(1000).nullish(),
  })
  .refine((r) => !r.started || !!r.startedOn, { message: '已开工须填写开工日期 / give the start date', path: ['startedOn'] })
  .refine((r) => r.started || !r.startedOn, { message: '未开工不应填写开工日期 / no start date for a project not started', path: ['startedOn'] });
export type ProjectReport = z.infer<typeof projectReportSchema>;

export const projectRatesQuerySchema = z.strictObject({
  asOf: monthSchema,
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  category: z.enum(PROJECT_CATEGORIES).optional(),
});

export const projectUnitRateQuerySchema = z.strictObject({
  unitId: z.coerce.number().int().positive().max(2_147_483_647),
  rate: z.enum(PROJECT_RATES),
  asOf: monthSchema,
});

export const projectSettingsSchema = z.strictObject({
  paymentBasis: z.enum(PAYMENT_BASES),
  progressBasis: z.enum(PROGRESS_BASES),
});

/** Turns a lagging project into a supervised task (source key_work). */
export const projectTaskSchema = z
  .strictObject({
    deadline: isoDate,
    /** Defaults to today. */
    startDate: isoDate.optional(),
    /** Defaults to "<project name>（<lagging rates>）落后于时序进度". */
    title: text(2, 200).optional(),
    /** The month whose rates go into the task's description; defaults to the latest report. */
    asOf: monthSchema.optional(),
  })
  .refine((t) => !t.startDate || t.deadline >= t.startDate, { message: '办理期限不能早于开始日期 / the deadline is before the start', path: ['deadline'] });

// ---------- what the API returns (dates as ISO strings, amounts in 万元) ----------

export type PaymentBasis = (typeof PAYMENT_BASES)[number];
export type ProgressBasis = (typeof PROGRESS_BASES)[number];

const unitRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

/** A project of the register (amounts in 万元). */
export const projectDtoSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  category: z.enum(PROJECT_CATEGORIES),
  categoryLabel: z.string(),
  year: z.number(),
  unit: unitRef,
  responsibleLeader: z.string(),
  plannedStart: z.string(),
  annualPlan: z.number(),
  totalInvestment: z.number(),
  fundsAllocated: z.number(),
  /** 连线项目现场: the site's live stream (HLS .m3u8), or null. */
  streamUrl: z.string().nullable(),
});
export type ProjectDto = z.infer<typeof projectDtoSchema>;

/** GET /api/projects: the register, with the latest month any listed project has reported (what the rates default to). */
export const projectListSchema = z.object({ items: z.array(projectDtoSchema), latestReportMonth: z.string().nullable() });
export type ProjectList = z.infer<typeof projectListSchema>;

/** A project's monthly report. */
export const reportDtoSchema = z.object({
  id: z.number(),
  month: z.string(),
  completedInvestment: z.number(),
  fundsInPlace: z.number(),
  fundsPaid: z.number(),
  auditedAmount: z.number().nullable(),
  started: z.boolean(),
  startedOn: z.string().nullable(),
  note: z.string().nullable(),
  reportedBy: z.string(),
  updatedAt: z.string(),
});
export type ReportDto = z.infer<typeof reportDtoSchema>;

export const reportListSchema = z.object({ items: z.array(reportDtoSchema) });
export type ReportList = z.infer<typeof reportListSchema>;

/** A project with its reports and the supervised tasks made from it. */
export const projectDetailSchema = projectDtoSchema.extend({
  reports: z.array(reportDtoSchema),
  tasks: z.array(z.object({ id: z.number(), title: z.string(), status: z.string(), deadline: z.string() })),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

/** POST /api/projects/import: how many projects the workbook created and updated. */
export const projectImportResultSchema = z.object({ created: z.number(), updated: z.number() });
export type ProjectImportResult = z.infer<typeof projectImportResultSchema>;

export const projectSettingsDtoSchema = z.object({
  paymentBasis: z.enum(PAYMENT_BASES),
  /** The denominator of 资金支付率 in words, e.g. 完成投资. */
  paymentBasisLabel: z.string(),
  progressBasis: z.enum(PROGRESS_BASES),
});
export type ProjectSettings = z.infer<typeof projectSettingsDtoSchema>;

/** How a rate was reached: the rule in words and the arithmetic with the real numbers. */
export const rateExplanationSchema = explanationBaseSchema;
export type RateExplanation = z.infer<typeof rateExplanationSchema>;

/** One rate against what is expected by the month (a share: 0.85 = 85%). */
export const rateViewSchema = z.object({
  /** The rate as a share (0.85 = 85%); null when its denominator is 0. */
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  /** What is expected by the as-of month: 时序进度, or 1 for 开工率. */
  expected: z.number(),
  expectedBasis: z.enum(['schedule', 'plan']),
  /** value − expected, as a share; null when the rate is null. */
  lag: z.number().nullable(),
  lagging: z.boolean(),
  explanation: rateExplanationSchema,
});
export type RateView = z.infer<typeof rateViewSchema>;

export const rateSetSchema = z.object({
  startRate: rateViewSchema,
  fundsInPlaceRate: rateViewSchema,
  paymentRate: rateViewSchema,
  investmentCompletionRate: rateViewSchema,
});
export type RateSet = z.infer<typeof rateSetSchema>;

/** The rates of a unit or of the whole city. */
export const rateSummarySchema = z.object({
  projectCount: z.number(),
  reported: z.number(),
  plannedToStart: z.number(),
  started: z.number(),
  startedAhead: z.number(),
  lagging: z.array(z.enum(PROJECT_RATES)),
  rates: rateSetSchema,
});
export type RateSummary = z.infer<typeof rateSummarySchema>;

/** A project with its rates as of the month and the supervised tasks made from it. */
export const ratedProjectSchema = projectDtoSchema.extend({
  reportMonth: z.string().nullable(),
  /** Started by the end of the month (on plan or ahead of it). */
  started: z.boolean(),
  lagging: z.array(z.enum(PROJECT_RATES)),
  rates: rateSetSchema,
  tasks: z.array(z.object({ id: z.number(), status: z.string() })),
});
export type RatedProject = z.infer<typeof ratedProjectSchema>;

/** 时序进度 at the end of the as-of month and how it is reckoned. */
export const projectScheduleSchema = z.object({
  value: z.number(),
  elapsed: z.number(),
  total: z.number(),
  unit: z.enum(['day', 'month']),
  text: z.string(),
  basis: z.enum(PROGRESS_BASES),
});

/** The rates as of a month: per project, per unit and overall, with 时序进度. */
export const ratesResponseSchema = z.object({
  asOf: z.string(),
  scope: z.enum(['city', 'unit']),
  schedule: projectScheduleSchema,
  settings: projectSettingsDtoSchema,
  projects: z.array(ratedProjectSchema),
  units: z.array(rateSummarySchema.extend({ unit: unitRef })),
  overall: rateSummarySchema,
});
export type RatesResponse = z.infer<typeof ratesResponseSchema>;

/** GET /api/projects/unit-rate: one unit's rate as an assessment indicator takes it (`percent` 0–100; null: not applicable). */
export const unitRateSchema = rateViewSchema.extend({
  unitId: z.number(),
  rate: z.enum(PROJECT_RATES),
  label: z.string(),
  asOf: z.string(),
  projectCount: z.number(),
  percent: z.number().nullable(),
  schedule: projectScheduleSchema,
  paymentBasis: z.enum(PAYMENT_BASES),
});
export type UnitRate = z.infer<typeof unitRateSchema>;
