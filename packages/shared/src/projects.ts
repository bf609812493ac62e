import { z } from 'zod';

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

/** A project of the register (amounts in 万元). */
export interface ProjectDto {
  id: number;
  code: string;
  name: string;
  category: ProjectCategory;
  categoryLabel: string;
  year: number;
  unit: { id: number; code: string; name: string };
  responsibleLeader: string;
  plannedStart: string;
  annualPlan: number;
  totalInvestment: number;
  fundsAllocated: number;
  /** 连线项目现场: the site's live stream (HLS .m3u8), or null. */
  streamUrl: string | null;
}

/** A project's monthly report. */
export interface ReportDto {
  id: number;
  month: string;
  completedInvestment: number;
  fundsInPlace: number;
  fundsPaid: number;
  auditedAmount: number | null;
  started: boolean;
  startedOn: string | null;
  note: string | null;
  reportedBy: string;
  updatedAt: string;
}

/** A project with its reports and the supervised tasks made from it. */
export interface ProjectDetail extends ProjectDto {
  reports: ReportDto[];
  tasks: { id: number; title: string; status: string; deadline: string }[];
}

export interface ProjectSettings {
  paymentBasis: PaymentBasis;
  /** The denominator of 资金支付率 in words, e.g. 完成投资. */
  paymentBasisLabel: string;
  progressBasis: ProgressBasis;
}

/** How a rate was reached: the rule in words and the arithmetic with the real numbers. */
export interface RateExplanation {
  rule: string;
  steps: string[];
  notes?: string[];
}

/** One rate against what is expected by the month (a share: 0.85 = 85%). */
export interface RateView {
  /** The rate as a share (0.85 = 85%); null when its denominator is 0. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** What is expected by the as-of month: 时序进度, or 1 for 开工率. */
  expected: number;
  expectedBasis: 'schedule' | 'plan';
  /** value − expected, as a share; null when the rate is null. */
  lag: number | null;
  lagging: boolean;
  explanation: RateExplanation;
}

export type RateSet = Record<ProjectRateName, RateView>;

/** The rates of a unit or of the whole city. */
export interface RateSummary {
  projectCount: number;
  reported: number;
  plannedToStart: number;
  started: number;
  startedAhead: number;
  lagging: ProjectRateName[];
  rates: RateSet;
}

/** A project with its rates as of the month and the supervised tasks made from it. */
export interface RatedProject extends ProjectDto {
  reportMonth: string | null;
  /** Started by the end of the month (on plan or ahead of it). */
  started: boolean;
  lagging: ProjectRateName[];
  rates: RateSet;
  tasks: { id: number; status: string }[];
}

/** The rates as of a month: per project, per unit and overall, with 时序进度. */
export interface RatesResponse {
  asOf: string;
  scope: 'city' | 'unit';
  schedule: { value: number; elapsed: number; total: number; unit: 'day' | 'month'; text: string; basis: ProgressBasis };
  settings: ProjectSettings;
  projects: RatedProject[];
  units: (RateSummary & { unit: { id: number; code: string; name: string } })[];
  overall: RateSummary;
}
