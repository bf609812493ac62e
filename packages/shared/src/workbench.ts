import { z } from 'zod';
import { BULLETIN_STATUSES } from './bulletins.js';
import { TASK_LIGHTS } from './tasks.js';

/**
 * GET /api/workbench: the first page after sign-in, one shape per role. Every figure carries `link`,
 * the admin path and query of the filtered list it counts (e.g. `/supervision/tasks?light=red`),
 * so a click shows exactly the items behind the number.
 */
const link = z.string();
const figure = z.object({ count: z.number(), link });
export type WorkbenchFigure = z.infer<typeof figure>;

const period = z.object({ id: z.number(), key: z.string(), label: z.string(), frequency: z.string(), end: z.string() });

/** One reporting period (this 旬 or this month): the units that have not filed everything. */
const reportingPeriodSchema = z.object({
  period,
  /** The period has ended: the units still owing values are overdue. */
  overdue: z.boolean(),
  units: z.number(),
  /** Units that have not filed (submitted or approved) every value they owe. */
  behind: figure,
  worst: z.array(z.object({ unitId: z.number(), unitName: z.string(), expected: z.number(), filed: z.number() })),
});

/** A bulletin (通报) on a card, linking to its page. */
const bulletinItem = z.object({ id: z.number(), title: z.string(), docNumber: z.string().nullable(), asOf: z.string(), status: z.enum(BULLETIN_STATUSES), signed: z.number(), recipients: z.number(), link });
export type WorkbenchBulletin = z.infer<typeof bulletinItem>;
/** A count of bulletins linking to the archive filtered the same way, with the newest of them. */
const bulletinFigure = figure.extend({ items: z.array(bulletinItem) });

const lights = z.object(Object.fromEntries(TASK_LIGHTS.map((l) => [l, figure])) as Record<(typeof TASK_LIGHTS)[number], typeof figure>);

const officeSchema = z.object({
  role: z.literal('office'),
  today: z.string(),
  scheme: z.object({ id: z.number(), name: z.string(), year: z.number() }).nullable(),
  reporting: z.array(reportingPeriodSchema),
  review: z.object({
    total: figure,
    /** By the unit that supplies the data: null is the units' own reporting. */
    bySource: z.array(z.object({ sourceUnitId: z.number().nullable(), name: z.string(), count: z.number(), link })),
  }),
  latestRun: z
    .object({
      id: z.number(),
      asOf: z.string(),
      createdAt: z.string(),
      previousAsOf: z.string().nullable(),
      /** Units whose total or rank changed since the previous run. */
      changed: figure.nullable(),
      movers: z.array(z.object({ unitId: z.number(), name: z.string(), fromRank: z.number().nullable(), toRank: z.number().nullable(), delta: z.number(), link })),
    })
    .nullable(),
  behind: z
    .object({
      units: z.number(),
      indicators: z.array(z.object({ indicatorId: z.number(), code: z.string(), name: z.string(), lagging: z.number(), link })),
    })
    .nullable(),
  campaigns: z.array(z.object({ id: z.number(), name: z.string(), responses: z.number(), invited: z.number(), suggestions: z.number(), link })),
  /** 通报: drafts, approved ones to issue, and the units that have not signed for the latest issued one of each series the office issues. */
  bulletins: z.object({
    drafts: bulletinFigure,
    toIssue: bulletinFigure,
    unsigned: z.array(z.object({ bulletin: bulletinItem, units: z.array(z.object({ id: z.number(), name: z.string() })) })),
  }),
});

const itemSchema = z.object({ id: z.number(), title: z.string(), unit: z.string(), deadline: z.string(), light: z.enum(TASK_LIGHTS).nullable(), reason: z.string(), link });

const supervisionSchema = z.object({
  role: z.literal('supervisor'),
  today: z.string(),
  tasks: lights,
  problems: lights,
  alerts: z.object({ tasks: figure, problems: figure }),
  red: z.array(itemSchema),
  dueThisWeek: figure.extend({ until: z.string() }),
  awaitingCloseOut: figure,
  inspections: z.array(z.object({ id: z.number(), title: z.string(), date: z.string(), findings: z.number(), link })),
  /** Bulletins of the supervision series (督查通报), one figure per series. */
  bulletins: z.array(bulletinFigure.extend({ seriesId: z.number(), name: z.string() })),
});

const leaderSchema = z.object({
  role: z.literal('leader'),
  today: z.string(),
  /** The name tasks are assigned to this leader by (实名制). */
  name: z.string(),
  named: figure.extend({ items: z.array(itemSchema), lights }),
  groups: z.array(z.object({ code: z.string(), name: z.string(), lights: z.object(Object.fromEntries(TASK_LIGHTS.map((l) => [l, z.number()])) as Record<(typeof TASK_LIGHTS)[number], z.ZodNumber>), open: z.number(), /** The overview's units of this group, whose lights add up to these. */ link })),
  groupsLink: link,
  rankings: z
    .object({
      runId: z.number(),
      asOf: z.string(),
      groups: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          top: z.array(z.object({ unitId: z.number(), name: z.string(), rank: z.number(), total: z.number(), link })),
          bottom: z.array(z.object({ unitId: z.number(), name: z.string(), rank: z.number(), total: z.number(), link })),
        }),
      ),
    })
    .nullable(),
  projects: figure.extend({ asOf: z.string(), total: z.number(), items: z.array(z.object({ id: z.number(), name: z.string(), unit: z.string(), lagging: z.array(z.string()) })) }),
  /** The issued bulletins, newest first. */
  bulletins: bulletinFigure,
});

const unitSchema = z.object({
  role: z.enum(['reporter', 'head']),
  today: z.string(),
  unit: z.object({ id: z.number(), name: z.string() }),
  due: z.array(
    z.object({ periodId: z.number(), label: z.string(), end: z.string(), overdue: z.boolean(), missing: z.number(), drafts: z.number(), returned: z.number(), link }),
  ),
  returned: z.array(z.object({ periodLabel: z.string(), code: z.string(), name: z.string(), reason: z.string(), link })),
  tasks: z.object({ toSign: figure, toReport: figure, items: z.array(itemSchema) }),
  notices: figure.extend({ items: z.array(z.object({ id: z.number(), noticeNo: z.string().nullable(), deadline: z.string().nullable(), text: z.string(), link })) }),
  /** The head: periods whose values wait for the head's submission. */
  toSubmit: z.array(z.object({ periodId: z.number(), label: z.string(), values: z.number(), ready: z.boolean(), link })).nullable(),
  /** Issued bulletins addressed to the unit and not yet signed for (签收). */
  bulletins: bulletinFigure,
});

const sourceSchema = z.object({
  role: z.literal('datasource'),
  today: z.string(),
  review: figure,
});

export const workbenchSchema = z.discriminatedUnion('role', [officeSchema, supervisionSchema, leaderSchema, unitSchema, sourceSchema]);
export type Workbench = z.infer<typeof workbenchSchema>;
export type OfficeWorkbench = z.infer<typeof officeSchema>;
export type SupervisionWorkbench = z.infer<typeof supervisionSchema>;
export type LeaderWorkbench = z.infer<typeof leaderSchema>;
export type UnitWorkbench = z.infer<typeof unitSchema>;
export type SourceWorkbench = z.infer<typeof sourceSchema>;
export type WorkbenchItem = z.infer<typeof itemSchema>;
