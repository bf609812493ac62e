import { z } from 'zod';
import { explanationBaseSchema } from './explanation.js';
import { PROGRESS_BASES } from './projects.js';

/** A score run as listed and named by every result page. */
export const runSchema = z.object({
  id: z.number(),
  schemeId: z.number(),
  schemeVersion: z.number(),
  asOf: z.string(),
  inputsHash: z.string(),
  trigger: z.string(),
  createdAt: z.string(),
  durationMs: z.number(),
  unitCount: z.number(),
});
export type RunDto = z.infer<typeof runSchema>;

/**
 * One input that cannot be taken or scored, named as a person looks for it: the unit, the
 * indicator, the period (or 上年值), the value as stored and why.
 */
export const dataProblemSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  indicatorCode: z.string(),
  indicatorName: z.string(),
  period: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type DataProblem = z.infer<typeof dataProblemSchema>;

/** A scheduled run that met data it could not score and stored nothing; shown until a run is stored again. */
export const runFailureSchema = z.object({
  asOf: z.string(),
  trigger: z.string(),
  createdAt: z.string(),
  /** How many inputs could not be scored; `problems` lists at most the first 50. */
  count: z.number(),
  problems: z.array(dataProblemSchema),
});
export type RunFailure = z.infer<typeof runFailureSchema>;

/** GET /api/schemes/:id/runs: the runs, newest first, and the latest scheduled failure since the last run. */
export const runListSchema = z.object({ items: z.array(runSchema), failure: runFailureSchema.nullable() });
export type RunList = z.infer<typeof runListSchema>;

/** One unit's standing on one progress indicator against 时序进度, with how 时序进度 was counted. */
export const progressRowSchema = z.object({
  indicatorId: z.number(),
  code: z.string(),
  name: z.string(),
  unitId: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  completion: z.number(),
  expected: z.number(),
  lag: z.number(),
  lagging: z.boolean(),
  basis: z.enum(PROGRESS_BASES),
});
export type ProgressRow = z.infer<typeof progressRowSchema>;

/** GET /api/runs/:id/progress. */
export const progressViewSchema = z.object({ run: runSchema, rows: z.array(progressRowSchema) });
export type ProgressView = z.infer<typeof progressViewSchema>;

/** How one number was reached (@kaoping/scoring's Explanation); progress rows carry their standing against 时序进度. */
export const explanationSchema = explanationBaseSchema.extend({
  progress: z
    .object({ completion: z.number(), expected: z.number(), lag: z.number(), lagging: z.boolean(), text: z.string(), basis: z.enum(PROGRESS_BASES).optional() })
    .nullable()
    .optional(),
});
export type Explanation = z.infer<typeof explanationSchema>;

export const componentScoreSchema = z.object({ code: z.string(), name: z.string(), points: z.number(), max: z.number(), note: z.string().optional() });
export type ComponentScore = z.infer<typeof componentScoreSchema>;

/** A unit's line in a run's rankings. */
export const rankingEntrySchema = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  total: z.number(),
  rank: z.number(),
  grade: z.string(),
  baseGrade: z.string(),
  vetoed: z.boolean(),
  bonus: z.number(),
  deductions: z.number(),
  components: z.array(componentScoreSchema),
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

/** One indicator on a unit's scorecard: points, the numbers they came from (last year's value too) and how. */
export const scorecardIndicatorSchema = z.object({
  indicatorId: z.number(),
  code: z.string(),
  name: z.string(),
  component: z.string(),
  maxPoints: z.number(),
  points: z.number(),
  actual: z.number().nullable(),
  target: z.number().nullable(),
  lastYear: z.number().nullable(),
  lag: z.number().nullable(),
  explanation: explanationSchema,
});
export type ScorecardIndicator = z.infer<typeof scorecardIndicatorSchema>;

/** GET /api/runs/:id/units/:unitId. */
export const scorecardSchema = z.object({
  run: runSchema,
  unit: rankingEntrySchema.extend({
    group: z.string(),
    groupSize: z.number(),
    explanation: z.looseObject({
      steps: z.array(z.string()),
      notes: z.array(z.string()),
      grade: z.looseObject({ rule: z.string(), steps: z.array(z.string()), notes: z.array(z.string()).optional() }),
    }),
  }),
  indicators: z.array(scorecardIndicatorSchema),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

/** GET /api/runs/:id: a run's rankings, group by group (a unit sees its own line). */
export const rankingsSchema = z.object({
  run: runSchema,
  groups: z.array(z.object({ code: z.string(), name: z.string(), units: z.array(rankingEntrySchema) })),
});
export type Rankings = z.infer<typeof rankingsSchema>;
export type RankingGroup = Rankings['groups'][number];

const standing = z.object({ total: z.number(), rank: z.number(), grade: z.string() }).nullable();
const pointsChange = z.object({ code: z.string(), name: z.string(), from: z.number().nullable(), to: z.number().nullable(), why: z.array(z.string()) });

/** One unit's change between two runs: totals, ranks, grades and each indicator or component that moved, with why. */
export const unitChangeSchema = z.object({
  unitId: z.number(),
  code: z.string(),
  name: z.string(),
  from: standing,
  to: standing,
  indicators: z.array(pointsChange),
  /** Components whose points moved (the public evaluation, for one, is scored outside the indicators). */
  components: z.array(pointsChange),
});
export type UnitChange = z.infer<typeof unitChangeSchema>;

/** GET /api/runs/compare. */
export const runComparisonSchema = z.object({ from: runSchema, to: runSchema, changes: z.array(unitChangeSchema) });
export type RunComparison = z.infer<typeof runComparisonSchema>;

/** GET /api/schemes/:id/trend: totals and ranks across the runs of a scheme. */
export const trendSchema = z.object({
  items: z.array(z.object({ asOf: z.string(), runId: z.number(), unitId: z.number(), total: z.number(), rank: z.number() })),
});
export type TrendPoint = z.infer<typeof trendSchema>['items'][number];
