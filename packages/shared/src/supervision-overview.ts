import { z } from 'zod';
import { PROBLEM_SOURCES } from './ledger.js';
import { TASK_SOURCES } from './tasks.js';

/** Every source a supervised item can have: the tasks' and the problem ledger's. */
export const OVERVIEW_SOURCES = [...new Set([...TASK_SOURCES, ...PROBLEM_SOURCES])] as [string, ...string[]];

const isoDate = z.iso.date();

/**
 * The supervision overview: tasks and problems whose deadline falls in [from, to] (both optional),
 * of one source if given (a task source leaves out problems of other sources and the other way round).
 */
export const supervisionOverviewQuerySchema = z
  .strictObject({
    from: isoDate.optional(),
    to: isoDate.optional(),
    source: z.enum(OVERVIEW_SOURCES).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '结束日期不能早于开始日期 / "to" is before "from"', path: ['to'] });
export type SupervisionOverviewQuery = z.infer<typeof supervisionOverviewQuerySchema>;

/** Counts of a set of supervised items (tasks, problems or both). */
export const overviewCountsSchema = z.object({
  /** Items issued (tasks past 立项 and the leader's review; every problem on the ledger). */
  total: z.number(),
  /** Not yet closed out (办结销号 / 销号). */
  open: z.number(),
  green: z.number(),
  blue: z.number(),
  yellow: z.number(),
  red: z.number(),
  /** Open and past the deadline. */
  overdue: z.number(),
  /** Red with no corrective action since the deadline passed. */
  alert: z.number(),
  closed: z.number(),
  /** closed ÷ total, 0–1; null when there is nothing. */
  closeRate: z.number().nullable(),
  /** Mean days from the start to the close-out of the closed items; null when none is closed. */
  avgDaysToClose: z.number().nullable(),
});
export type OverviewCounts = z.infer<typeof overviewCountsSchema>;

export const overviewUnitRowSchema = z.object({
  unit: z.object({ id: z.number(), code: z.string(), name: z.string(), groupCode: z.string().nullable(), groupName: z.string().nullable(), groupNameEn: z.string().nullable() }),
  tasks: overviewCountsSchema,
  problems: overviewCountsSchema,
  all: overviewCountsSchema,
});
export type OverviewUnitRow = z.infer<typeof overviewUnitRowSchema>;

export const overviewGroupRowSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), all: overviewCountsSchema });
export type OverviewGroupRow = z.infer<typeof overviewGroupRowSchema>;

export const overviewRedItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  unit: z.object({ id: z.number(), name: z.string() }),
  deadline: z.string(),
  reason: z.string(),
  alert: z.boolean(),
});
export type OverviewRedItem = z.infer<typeof overviewRedItemSchema>;

/** 领导视图: the tasks a responsible leader answers for (实名制). */
export const overviewLeaderRowSchema = z.object({ leader: z.string(), units: z.array(z.string()), counts: overviewCountsSchema, red: z.array(overviewRedItemSchema) });
export type OverviewLeaderRow = z.infer<typeof overviewLeaderRowSchema>;

export const supervisionOverviewSchema = z.object({
  /** When the lights were computed. */
  asOf: z.string(),
  /** Whether the caller sees every unit (false: the caller's own unit only). */
  cityWide: z.boolean(),
  totals: z.object({ tasks: overviewCountsSchema, problems: overviewCountsSchema, all: overviewCountsSchema }),
  units: z.array(overviewUnitRowSchema),
  groups: z.array(overviewGroupRowSchema),
  leaders: z.array(overviewLeaderRowSchema),
});
export type SupervisionOverview = z.infer<typeof supervisionOverviewSchema>;
