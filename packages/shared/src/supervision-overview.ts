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
export interface OverviewCounts {
  /** Items issued (tasks past 立项 and the leader's review; every problem on the ledger). */
  total: number;
  /** Not yet closed out (办结销号 / 销号). */
  open: number;
  green: number;
  blue: number;
  yellow: number;
  red: number;
  /** Open and past the deadline. */
  overdue: number;
  /** Red with no corrective action since the deadline passed. */
  alert: number;
  closed: number;
  /** closed ÷ total, 0–1; null when there is nothing. */
  closeRate: number | null;
  /** Mean days from the start to the close-out of the closed items; null when none is closed. */
  avgDaysToClose: number | null;
}

export interface OverviewUnitRow {
  unit: { id: number; code: string; name: string; groupCode: string | null; groupName: string | null; groupNameEn: string | null };
  tasks: OverviewCounts;
  problems: OverviewCounts;
  all: OverviewCounts;
}

export interface OverviewGroupRow {
  code: string;
  name: string;
  nameEn: string | null;
  all: OverviewCounts;
}

export interface OverviewRedItem {
  id: number;
  title: string;
  unit: { id: number; name: string };
  deadline: string;
  reason: string;
  alert: boolean;
}

/** 领导视图: the tasks a responsible leader answers for (实名制). */
export interface OverviewLeaderRow {
  leader: string;
  units: string[];
  counts: OverviewCounts;
  red: OverviewRedItem[];
}

export interface SupervisionOverview {
  /** When the lights were computed. */
  asOf: string;
  /** Whether the caller sees every unit (false: the caller's own unit only). */
  cityWide: boolean;
  totals: { tasks: OverviewCounts; problems: OverviewCounts; all: OverviewCounts };
  units: OverviewUnitRow[];
  groups: OverviewGroupRow[];
  leaders: OverviewLeaderRow[];
}
