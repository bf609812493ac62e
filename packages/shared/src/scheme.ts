import { z } from 'zod';
import { MAX_DECIMALS, VALUE_LIMIT } from './indicator-values.js';
import { PROGRESS_BASES, PROJECT_RATES, type ProgressBasis, type ProjectRateName } from './projects.js';

/**
 * The assessment scheme document (考核方案), format `kaoping.scheme/v1`: what the performance
 * office writes in YAML, JSON or Excel, validates against /api/schemas/scheme.json and imports.
 * The structure is checked here; the rules that need the whole document or the unit list
 * (points adding up, targets present) are checked by the API's scheme validator.
 */
export const SCHEME_FORMAT = 'kaoping.scheme/v1';

export const FREQUENCIES = ['week', 'tenDay', 'month', 'quarter', 'year'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, { zh: string; en: string }> = {
  week: { zh: '周', en: 'Weekly' },
  tenDay: { zh: '旬', en: 'Ten-day' },
  month: { zh: '月', en: 'Monthly' },
  quarter: { zh: '季度', en: 'Quarterly' },
  year: { zh: '年', en: 'Yearly' },
};

export const METHODS = ['ratio', 'rank', 'bands', 'grade', 'deduct', 'bonus', 'veto', 'progress', 'formula'] as const;
export type MethodName = (typeof METHODS)[number];
export const METHOD_LABELS: Record<MethodName, { zh: string; en: string }> = {
  ratio: { zh: '完成率', en: 'Completion ratio' },
  rank: { zh: '排名计分', en: 'Rank' },
  bands: { zh: '分档', en: 'Bands' },
  grade: { zh: '定性评价', en: 'Grade' },
  deduct: { zh: '扣分', en: 'Deductions' },
  bonus: { zh: '加分', en: 'Bonus' },
  veto: { zh: '一票否决', en: 'Veto' },
  progress: { zh: '时序进度', en: 'Schedule progress' },
  formula: { zh: '公式', en: 'Formula' },
};

const direction = z.enum(['higher', 'lower']);
const share = z.number().min(0).max(1);

/** A leaf's method; its points come from the indicator. Parameters mirror @kaoping/scoring. */
export const methodSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ratio'), cap: z.number().min(1).max(10).optional(), zeroBelow: share.nullish() }),
  z.strictObject({ type: z.literal('rank'), floor: share.optional() }),
  z.strictObject({
    type: z.literal('bands'),
    measure: z.enum(['actual', 'completion']).optional(),
    bands: z
      .array(
        z.strictObject({
          from: z.number().nullish(),
          to: z.number().nullish(),
          points: z.number().min(0).optional(),
          share: share.optional(),
          label: z.string().max(20).optional(),
        }),
      )
      .min(1),
  }),
  z.strictObject({ type: z.literal('grade'), shares: z.record(z.string().min(1).max(10), share).optional() }),
  z.strictObject({
    type: z.literal('deduct'),
    rules: z.array(z.strictObject({ kind: z.string().min(1).max(40), label: z.string().min(1).max(60), perEvent: z.number().positive() })).optional(),
  }),
  z.strictObject({
    type: z.literal('bonus'),
    levels: z.array(z.strictObject({ level: z.string().min(1).max(20), label: z.string().min(1).max(40), points: z.number().positive() })).optional(),
  }),
  z.strictObject({ type: z.literal('veto'), capGrade: z.string().min(1).max(10).optional() }),
  // basis overrides the scheme's progressBasis for this indicator
  z.strictObject({ type: z.literal('progress'), basis: z.enum(PROGRESS_BASES).optional() }),
  z.strictObject({ type: z.literal('formula'), expression: z.string().min(1).max(500), max: z.number().positive().optional() }),
]);
export type SchemeMethod = z.infer<typeof methodSchema>;

/** Targets: one default for every unit, overridden per unit code (targets differ by unit). */
export const targetsSchema = z.strictObject({
  default: z.number().nullish(),
  byUnit: z.record(z.string().min(1).max(20), z.number()).optional(),
});

/** Last year's value of a leaf, like targets: one default, overridden per unit code; the formula reads it as `lastYear`. */
export const lastYearSchema = targetsSchema;

const limit = z.number().min(-VALUE_LIMIT).max(VALUE_LIMIT);

const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/, '代码为字母、数字、. _ -，最多 30 位 / letters, digits, . _ -');

/** A leaf fed by a major-project rate names it as its data source: `project:investmentCompletionRate`. */
export const PROJECT_SOURCE_PREFIX = 'project:';
const projectSource = z.enum(PROJECT_RATES.map((r) => `${PROJECT_SOURCE_PREFIX}${r}`) as [`project:${ProjectRateName}`, ...`project:${ProjectRateName}`[]]);

/** The project rate a leaf's dataSource names, or null when it names a supplying unit (or nothing). */
export function projectRateOf(dataSource: string | undefined | null): ProjectRateName | null {
  if (!dataSource?.startsWith(PROJECT_SOURCE_PREFIX)) return null;
  const rate = dataSource.slice(PROJECT_SOURCE_PREFIX.length);
  return (PROJECT_RATES as readonly string[]).includes(rate) ? (rate as ProjectRateName) : null;
}

export interface SchemeIndicator {
  code: string;
  name: string;
  points: number;
  component?: string;
  groups?: string[];
  description?: string;
  children?: SchemeIndicator[];
  unit?: string;
  direction?: 'higher' | 'lower';
  frequency?: Frequency;
  aggregate?: 'last' | 'sum' | 'avg';
  dataSource?: string;
  method?: SchemeMethod;
  targets?: z.infer<typeof targetsSchema>;
  lastYear?: z.infer<typeof lastYearSchema>;
  /** The smallest and largest value a unit may report, and the decimals it may have (defaults: see valueLimits). */
  min?: number;
  max?: number;
  decimals?: number;
}

/** 一级/二级/三级 indicators: a node with children is a heading; a leaf has a method. */
export const indicatorSchema: z.ZodType<SchemeIndicator> = z.lazy(() =>
  z.strictObject({
    code,
    name: z.string().min(1).max(80),
    // > 0 except on a veto item, which carries no points (checked by the scheme validator)
    points: z.number().min(0, '须大于 0 / must be > 0'),
    component: code.optional(),
    groups: z.array(code).min(1).optional(),
    description: z.string().max(500).optional(),
    children: z.array(indicatorSchema).min(1).optional(),
    unit: z.string().max(20).optional(),
    direction: direction.optional(),
    frequency: z.enum(FREQUENCIES).optional(),
    aggregate: z.enum(['last', 'sum', 'avg']).optional(),
    // a supplying unit's code, or project:<rate> for a leaf fed by the major-project rates
    dataSource: z.union([code, projectSource], { error: '数据来源为单位代码或 project:startRate / fundsInPlaceRate / paymentRate / investmentCompletionRate' }).optional(),
    method: methodSchema.optional(),
    targets: targetsSchema.optional(),
    lastYear: lastYearSchema.optional(),
    min: limit.optional(),
    max: limit.optional(),
    decimals: z.number().int().min(0).max(MAX_DECIMALS).optional(),
  }),
  // Named, so the JSON Schema of the tree (a recursive one) refers to it by this name.
).meta({ id: 'SchemeIndicator' });

export const schemeDocumentSchema = z.strictObject({
  format: z.literal(SCHEME_FORMAT),
  code,
  name: z.string().min(1).max(120),
  year: z.number().int().min(2000).max(2100),
  total: z.number().positive(),
  groups: z.array(code).min(1),
  components: z
    .array(
      z.strictObject({
        code,
        name: z.string().min(1).max(40),
        points: z.number().positive('须大于 0 / must be > 0'),
        source: z.enum(['indicators', 'public']).optional(),
      }),
    )
    .min(1),
  bonusCap: z.number().min(0).optional(),
  deductionCap: z.number().min(0).optional(),
  /** How 时序进度 is counted: months elapsed ÷ 12 (default) or days elapsed ÷ days in the year. */
  progressBasis: z.enum(PROGRESS_BASES).optional(),
  grading: z
    .strictObject({
      scale: z.array(z.strictObject({ name: z.string().min(1).max(10), minShare: share })).min(2).optional(),
      quotas: z.array(z.strictObject({ grade: z.string().min(1).max(10), maxShare: share })).optional(),
      vetoCap: z.string().min(1).max(10).optional(),
    })
    .optional(),
  indicators: z.array(indicatorSchema).min(1),
});
export type SchemeDocument = z.infer<typeof schemeDocumentSchema>;

/** 时序进度 when a scheme says nothing: by months, as offices report it (DOMAIN.md §4). */
export const DEFAULT_PROGRESS_BASIS: ProgressBasis = 'month';

export const PROGRESS_BASIS_LABELS: Record<ProgressBasis, { zh: string; en: string; rule: string }> = {
  month: { zh: '按月', en: 'by months', rule: '已过月数 ÷ 12' },
  day: { zh: '按日', en: 'by days', rule: '已过天数 ÷ 全年天数' },
};

export const SCHEME_STATUSES = ['draft', 'published', 'archived'] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];

/** A scheme version as GET /api/schemes lists it. */
export const schemeSummarySchema = z.object({
  id: z.number(),
  code: z.string(),
  version: z.number(),
  name: z.string(),
  year: z.number(),
  status: z.enum(SCHEME_STATUSES),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  leafCount: z.number(),
});
export type SchemeSummary = z.infer<typeof schemeSummarySchema>;
export const schemeListSchema = z.object({ items: z.array(schemeSummarySchema) });

/** One scheme version with its document (GET /api/schemes/:id, and the answer of every change of a scheme). */
export const schemeSchema = schemeSummarySchema.extend({ document: schemeDocumentSchema.optional() });
export type SchemeDto = z.infer<typeof schemeSchema>;

/** One problem of a scheme document, located by a path such as `indicators[3].children[1].points`. */
export const schemeIssueSchema = z.object({ path: z.string(), message: z.string() });
export type SchemeIssue = z.infer<typeof schemeIssueSchema>;
/** POST /api/schemes/validate. */
export const schemeCheckSchema = z.object({ ok: z.boolean(), issues: z.array(schemeIssueSchema) });

/**
 * GET /api/schemas/scheme.json: a JSON Schema document, whose keys are JSON Schema's own. Its `$id`
 * is not declared as a property: the OpenAPI tooling would take a property named `$id` for a schema id.
 */
export const jsonSchemaDocumentSchema = z.looseObject({ title: z.string() });
