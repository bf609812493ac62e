import { z } from 'zod';
import { UNIT_KINDS } from './units.js';
import { PROJECT_RATES } from './projects.js';
import { overviewCountsSchema } from './supervision-overview.js';

/**
 * The leaders' big screen (大屏, /screen): one 1920×1080 page in the hall, fed by GET /api/screen and
 * refreshed on server-sent events from GET /api/screen/events. Signed-in leaders and offices read it,
 * and so does a revocable display link (kiosk token) for the hall's PC.
 */

/** What the map is coloured by. */
export const SCREEN_MEASURES = ['total', 'rank', 'red', 'lagging'] as const;
export type ScreenMeasure = (typeof SCREEN_MEASURES)[number];

export const SCREEN_MEASURE_LABELS: Record<ScreenMeasure, { zh: string; en: string }> = {
  total: { zh: '综合得分', en: 'Total score' },
  rank: { zh: '组内排名', en: 'Rank in group' },
  red: { zh: '红灯事项', en: 'Red items' },
  lagging: { zh: '滞后项目', en: 'Lagging projects' },
};

/** A display link's secret is sent as `?kiosk=kps_…` (EventSource cannot send headers). */
export const KIOSK_TOKEN_PATTERN = /^kps_[A-Za-z0-9_-]{40,60}$/;

export const screenQuerySchema = z.strictObject({
  kiosk: z.string().max(80).optional(),
});
export type ScreenQuery = z.infer<typeof screenQuerySchema>;

export const screenPhotoParamsSchema = z.strictObject({ mediaId: z.coerce.number().int().positive().max(2_147_483_647) });

const rate = z.object({ value: z.number().nullable(), expected: z.number(), lagging: z.boolean() });

export const screenDataSchema = z.object({
  asOf: z.string(),
  /** The score run the scores and ranks come from (the newest of the newest published scheme). */
  run: z.object({ id: z.number(), schemeName: z.string(), asOf: z.string() }).nullable(),
  /** Every county, district and park: one region or tile of the map, with every measure. */
  units: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      adcode: z.string().nullable(),
      kind: z.enum(UNIT_KINDS),
      groupName: z.string().nullable(),
      total: z.number().nullable(),
      rank: z.number().nullable(),
      groupSize: z.number().nullable(),
      red: z.number(),
      overdue: z.number(),
      laggingProjects: z.number(),
      projects: z.number(),
    }),
  ),
  rankings: z.array(z.object({ code: z.string(), name: z.string(), units: z.array(z.object({ id: z.number(), name: z.string(), total: z.number(), rank: z.number() })) })),
  lights: z.object({ tasks: overviewCountsSchema, problems: overviewCountsSchema }),
  ledger: z.object({ total: z.number(), closed: z.number(), open: z.number(), closeRate: z.number().nullable() }),
  projects: z
    .object({
      asOf: z.string(),
      schedule: z.object({ value: z.number(), text: z.string() }),
      count: z.number(),
      rates: z.object(Object.fromEntries(PROJECT_RATES.map((r) => [r, rate])) as Record<(typeof PROJECT_RATES)[number], typeof rate>),
      laggingUnits: z.array(z.object({ id: z.number(), name: z.string(), lagging: z.array(z.enum(PROJECT_RATES)) })),
    })
    .nullable(),
  campaign: z
    .object({
      id: z.number(),
      name: z.string(),
      responses: z.number(),
      invited: z.number(),
      open: z.number(),
      suggestions: z.number(),
      /** Responses per hour (start of the hour, ISO), the last 24 hours. */
      hourly: z.array(z.object({ hour: z.string(), responses: z.number() })),
    })
    .nullable(),
  photos: z.array(z.object({ mediaId: z.number(), title: z.string(), unitName: z.string().nullable(), place: z.string(), inspectedOn: z.string(), url: z.string() })),
});
export type ScreenData = z.infer<typeof screenDataSchema>;

/**
 * What an event on /api/screen/events says changed; the screen then reloads its data. `access`: a
 * display link was revoked (a stream opened with it ends).
 */
export const SCREEN_EVENT_KINDS = ['responses', 'supervision', 'data', 'access'] as const;
export type ScreenEventKind = (typeof SCREEN_EVENT_KINDS)[number];

export const kioskCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(60) });
export type KioskCreate = z.infer<typeof kioskCreateSchema>;

export const kioskSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type KioskDto = z.infer<typeof kioskSchema>;
export const kioskListSchema = z.object({ items: z.array(kioskSchema) });
/** The secret is shown once, with the display link to open on the hall's PC. */
export const kioskIssuedSchema = z.object({ kiosk: kioskSchema, token: z.string(), path: z.string() });
export type KioskIssued = z.infer<typeof kioskIssuedSchema>;

/** What GET /api/screen/events answers a caller that does not ask for `text/event-stream` (an EventSource always does). */
export const screenStreamInfoSchema = z.object({ stream: z.literal('text/event-stream'), events: z.array(z.string()) });
