import { z } from 'zod';
import { bulletinReceiptSchema, bulletinRemindResultSchema, bulletinRemindSchema } from './bulletins.js';
import { TASK_LIGHTS } from './tasks.js';

const id = z.number().int().positive().max(2_147_483_647);
const isoDate = z.iso.date();

/** 高质量发展点评会, 产业链点评会, 专题会. */
export const MEETING_KINDS = ['development', 'industry_chain', 'topic'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, { zh: string; en: string }> = {
  development: { zh: '高质量发展点评会', en: 'High-quality development review' },
  industry_chain: { zh: '产业链点评会', en: 'Industry-chain review' },
  topic: { zh: '专题会', en: 'Topical meeting' },
};

export const MEETING_STATUSES = ['draft', 'prepared', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const COMMENT_KINDS = ['comment', 'commitment'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/** Days a task made in one step has by default, counted from its start (a meeting comment: the meeting day, or today when later). */
export const MEETING_TASK_DAYS = 30;

export const meetingPresenterInputSchema = z.strictObject({
  unitId: id,
  /** Speaking time in minutes. */
  minutes: z.number().int().min(1).max(120).default(8),
  mainPoints: z.string().max(4000).default(''),
});

export const meetingInputSchema = z
  .strictObject({
    kind: z.enum(MEETING_KINDS),
    title: z.string().trim().min(2).max(200),
    heldOn: isoDate,
    venue: z.string().trim().max(200).default(''),
    videoNote: z.string().trim().max(1000).default(''),
    /** The date the material is assembled as of; the meeting's date when left out. */
    materialAsOf: isoDate.optional(),
    /** The leaders attending (user accounts of 市领导 and the offices). */
    leaderUserIds: z.array(id).max(30).default([]),
    /** Presenters in speaking order. */
    presenters: z.array(meetingPresenterInputSchema).min(1).max(40),
  })
  .refine((m) => new Set(m.presenters.map((p) => p.unitId)).size === m.presenters.length, {
    message: '同一单位不能重复汇报 / a unit presents once',
    path: ['presenters'],
  })
  .refine((m) => new Set(m.leaderUserIds).size === m.leaderUserIds.length, { message: '出席领导重复 / a leader is listed twice', path: ['leaderUserIds'] });
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const meetingCommentInputSchema = z
  .strictObject({
    presenterId: id,
    kind: z.enum(COMMENT_KINDS),
    /** The commenting leader's account; a commitment is spoken by the presenter. */
    leaderUserId: id.optional(),
    /** Who spoke when there is no account to name (a commitment's speaker, a leader without an account). */
    speaker: z.string().trim().min(2).max(60).optional(),
    body: z.string().trim().min(2).max(4000),
  })
  .refine((c) => c.kind !== 'comment' || c.leaderUserId !== undefined || c.speaker !== undefined, {
    message: '点评意见须指明点评领导 / name the commenting leader',
    path: ['leaderUserId'],
  });
export type MeetingCommentInput = z.infer<typeof meetingCommentInputSchema>;

// ---------- the material frozen per presenter ----------

const lightSchema = z.enum(TASK_LIGHTS).nullable();

export const materialItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  leader: z.string(),
  deadline: z.string(),
  light: lightSchema,
  reason: z.string(),
  status: z.string(),
});
export type MaterialItem = z.infer<typeof materialItemSchema>;

const rateSchema = z.object({ value: z.number().nullable(), lag: z.number().nullable(), lagging: z.boolean() });

export const presenterMaterialSchema = z.object({
  asOf: z.string(),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  score: z
    .object({
      runId: z.number(),
      runAsOf: z.string(),
      group: z.string(),
      groupSize: z.number(),
      total: z.number(),
      rank: z.number(),
      grade: z.string(),
      /** What it is compared with: the last meeting's frozen figures, else the run before. */
      previous: z.object({ total: z.number(), rank: z.number(), basis: z.string() }).nullable(),
      /** Rank change: positive means moved up. */
      rankChange: z.number().nullable(),
      totalChange: z.number().nullable(),
    })
    .nullable(),
  /** Indicators behind 时序进度 (percent values 0–100). */
  lagging: z.array(z.object({ indicatorId: z.number(), code: z.string(), name: z.string(), completion: z.number(), expected: z.number(), lag: z.number() })),
  tasks: z.object({
    counts: z.object({ green: z.number(), blue: z.number(), yellow: z.number(), red: z.number(), alert: z.number() }),
    open: z.number(),
    /** Red (overdue) and yellow tasks, with the named leaders. */
    attention: z.array(materialItemSchema),
  }),
  problems: z.object({ open: z.number(), items: z.array(materialItemSchema) }),
  findings: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      inspectedOn: z.string(),
      place: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      thumbnailUrl: z.string().nullable(),
    }),
  ),
  projects: z
    .object({
      count: z.number(),
      schedule: z.string(),
      rates: z.object({ start: rateSchema, fundsInPlace: rateSchema, payment: rateSchema, investment: rateSchema }),
      lagging: z.array(z.object({ id: z.number(), code: z.string(), name: z.string(), lagging: z.array(z.string()) })),
    })
    .nullable(),
  /**
   * 连线项目现场: the live streams of the presenter's projects and of the inspections with a finding of
   * the presenter (absent in material frozen before streams were kept).
   */
  streams: z.array(z.object({ kind: z.enum(['project', 'inspection']), id: z.number(), title: z.string(), url: z.string() })).optional(),
  publicEvaluation: z.object({ campaign: z.string(), satisfaction: z.number().nullable(), responses: z.number() }).nullable(),
  /** 上次点评问题整改情况: the tasks the previous meeting assigned to this presenter, with their light now. */
  previous: z
    .object({
      meetingId: z.number(),
      title: z.string(),
      heldOn: z.string(),
      tasks: z.array(materialItemSchema),
    })
    .nullable(),
});
export type PresenterMaterial = z.infer<typeof presenterMaterialSchema>;

// ---------- what the API returns ----------

export const meetingCommentSchema = z.object({
  id: z.number(),
  presenterId: z.number(),
  kind: z.enum(COMMENT_KINDS),
  leaderUserId: z.number().nullable(),
  speaker: z.string(),
  body: z.string(),
  task: z.object({ id: z.number(), status: z.string(), light: lightSchema, deadline: z.string() }).nullable(),
  createdAt: z.string(),
});
export type MeetingComment = z.infer<typeof meetingCommentSchema>;

export const meetingPresenterSchema = z.object({
  id: z.number(),
  unit: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  position: z.number(),
  minutes: z.number(),
  mainPoints: z.string(),
  material: presenterMaterialSchema.nullable(),
});
export type MeetingPresenter = z.infer<typeof meetingPresenterSchema>;

export const meetingSummarySchema = z.object({
  id: z.number(),
  kind: z.enum(MEETING_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  heldOn: z.string(),
  venue: z.string(),
  status: z.enum(MEETING_STATUSES),
  presenterCount: z.number(),
  commentCount: z.number(),
  taskCount: z.number(),
  minutesNo: z.string().nullable(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingListSchema = z.object({ items: z.array(meetingSummarySchema) });
export type MeetingList = z.infer<typeof meetingListSchema>;

export const meetingDetailSchema = meetingSummarySchema.extend({
  videoNote: z.string(),
  materialAsOf: z.string(),
  preparedAt: z.string().nullable(),
  minutesIssuedAt: z.string().nullable(),
  leaders: z.array(z.object({ userId: z.number(), name: z.string() })),
  presenters: z.array(meetingPresenterSchema),
  comments: z.array(meetingCommentSchema),
  /** 红黑榜: presenters by rank change (most improved first), from the frozen material. */
  board: z.object({
    improved: z.array(z.object({ unit: z.string(), rankChange: z.number(), totalChange: z.number().nullable() })),
    declined: z.array(z.object({ unit: z.string(), rankChange: z.number(), totalChange: z.number().nullable() })),
  }),
  /** What the caller may do. */
  canManage: z.boolean(),
  /**
   * The issued minutes' receipts (签收), one per presenting unit, unsigned first: all of them for the
   * office, the caller's own for a presenting unit's people; empty before the minutes are issued.
   */
  receipts: z.array(bulletinReceiptSchema),
  /** A presenting unit's people: when their unit signed (null: not yet). */
  ownSignedAt: z.string().nullable().optional(),
  can: z.object({ sign: z.boolean(), remind: z.boolean() }),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

/** Turning a comment (or commitment) into a supervised task: the defaults may be overridden. */
export const commentTaskInputSchema = z.strictObject({
  title: z.string().trim().min(2).max(200).optional(),
  deadline: isoDate.optional(),
});

/** Leaders who may attend and comment: user accounts of the city-wide roles. */
export const meetingLeaderOptionsSchema = z.object({ items: z.array(z.object({ userId: z.number(), name: z.string(), role: z.string() })) });
export type MeetingLeaderOptions = z.infer<typeof meetingLeaderOptionsSchema>;

/** Reminding the presenting units that have not signed for the minutes: all, or those named (as for a bulletin). */
export const minutesRemindSchema = bulletinRemindSchema;
export const minutesRemindResultSchema = bulletinRemindResultSchema;
export type MinutesRemindResult = z.infer<typeof minutesRemindResultSchema>;
