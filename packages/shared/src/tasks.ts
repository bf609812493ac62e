import { z } from 'zod';
import { TASK_ORIGIN_KINDS } from './task-origin.js';

const id = z.number().int().positive().max(2_147_483_647);
const isoDate = z.iso.date();

export const TASK_SOURCES = ['instruction', 'meeting', 'key_work', 'suggestion', 'inspection', 'audit'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

export const TASK_STATUSES = ['draft', 'review', 'issued', 'in_progress', 'feedback', 'closed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = ['submit', 'approve', 'reject', 'sign', 'report', 'feedback', 'accept', 'return', 'reopen'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TASK_LIGHTS = ['green', 'blue', 'yellow', 'red'] as const;
export type TaskLight = (typeof TASK_LIGHTS)[number];

/** Steps that must say why: a return for poor quality, a leader's rejection, a reopening. */
export const TASK_REASON_ACTIONS: readonly TaskAction[] = ['reject', 'return', 'reopen'];
/** Steps that carry a completion percentage and evidence files. */
export const TASK_REPORT_ACTIONS: readonly TaskAction[] = ['report', 'feedback'];

/** Evidence of a progress report or feedback: photos, PDFs and Word or Excel files. */
export const TASK_EVIDENCE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
/** Evidence files cited by one report at most. */
export const TASK_EVIDENCE_MAX = 20;

/** The record a task came from: `id` is the comment, finding or suggestion, or the score run of a ranking or lag row (with its unit and indicator). */
export const taskOriginSchema = z.strictObject({
  kind: z.enum(TASK_ORIGIN_KINDS),
  id,
  unitId: id.optional(),
  indicatorId: id.optional(),
});
export type TaskOrigin = z.infer<typeof taskOriginSchema>;

export const taskCreateSchema = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    description: z.string().max(4000).default(''),
    source: z.enum(TASK_SOURCES),
    /** The instruction's or meeting's reference, e.g. 衡领批〔2021〕12号. */
    originRef: z.string().trim().max(200).optional(),
    originSuggestionId: id.optional(),
    /** The record it was made from (see taskFromOriginSchema for the one step that fills the rest). */
    origin: taskOriginSchema.optional(),
    leadUnitId: id,
    coUnitIds: z.array(id).max(50).default([]),
    /** 实名制: the leader answerable for the task, by name (a leader without an account); taken from the account when responsibleLeaderUserId is given. */
    responsibleLeader: z.string().trim().min(2).max(60).optional(),
    /** 实名制: the leader answerable for the task, as a user account. */
    responsibleLeaderUserId: id.optional(),
    startDate: isoDate,
    deadline: isoDate,
    milestones: z.array(z.strictObject({ title: z.string().trim().min(1).max(200), dueDate: isoDate })).max(50).default([]),
  })
  .refine((t) => t.responsibleLeader !== undefined || t.responsibleLeaderUserId !== undefined, {
    message: '请指定责任领导（账号或姓名）/ name the responsible leader (an account or a name)',
    path: ['responsibleLeader'],
  })
  .refine((t) => t.deadline >= t.startDate, { message: '办理期限不能早于开始日期 / the deadline is before the start', path: ['deadline'] })
  .refine((t) => !t.coUnitIds.includes(t.leadUnitId), { message: '牵头单位不能同时是配合单位 / the lead unit cannot also be a co-unit', path: ['coUnitIds'] })
  .refine((t) => t.milestones.every((m) => m.dueDate >= t.startDate && m.dueDate <= t.deadline), { message: '节点须在开始日期与办理期限之间 / milestones must fall within the task', path: ['milestones'] })
  .refine((t) => t.source !== 'suggestion' || t.originSuggestionId !== undefined, { message: '来源为群众建议时须关联建议 / link the suggestion it came from', path: ['originSuggestionId'] });
export type TaskCreate = z.infer<typeof taskCreateSchema>;

/**
 * One step from a record to a supervised task: the server takes the title, the lead unit, the source
 * and the description from the origin; the deadline defaults to 30 days (a meeting's comment: 30 days
 * after the meeting), the responsible leader to the commenting leader (else it must be given).
 */
export const taskFromOriginSchema = z
  .strictObject({
    origin: taskOriginSchema,
    title: z.string().trim().min(2).max(200).optional(),
    deadline: isoDate.optional(),
    responsibleLeader: z.string().trim().min(2).max(60).optional(),
    responsibleLeaderUserId: id.optional(),
  })
  .refine((t) => (t.origin.kind !== 'ranking' && t.origin.kind !== 'progress') || t.origin.unitId !== undefined, {
    message: '排名或时序进度行须指明单位 / a ranking or lag row names its unit',
    path: ['origin', 'unitId'],
  })
  .refine((t) => t.origin.kind !== 'progress' || t.origin.indicatorId !== undefined, { message: '时序进度行须指明指标 / a lag row names its indicator', path: ['origin', 'indicatorId'] });
export type TaskFromOrigin = z.infer<typeof taskFromOriginSchema>;

export const taskActionSchema = z.strictObject({
  action: z.enum(TASK_ACTIONS),
  note: z.string().trim().max(4000).optional(),
  /** Completion reported with a progress report or the feedback, 0–100. */
  progress: z.number().min(0).max(100).optional(),
  /** Evidence files uploaded beforehand (POST /api/tasks/:id/evidence) that this report or feedback cites. */
  evidenceIds: z.array(id).max(TASK_EVIDENCE_MAX).optional(),
});
export type TaskActionInput = z.infer<typeof taskActionSchema>;

export const supervisionSettingsSchema = z.strictObject({
  leaderReview: z.boolean(),
  signFor: z.boolean(),
  blueDays: z.number().int().min(0).max(60),
  lagTolerance: z.number().min(0).max(100),
  /** Working days after a task is signed for (or issued, where signing is off) before lagging can light yellow. */
  graceDays: z.number().int().min(0).max(30),
});
export type SupervisionSettingsInput = z.infer<typeof supervisionSettingsSchema>;

// ---------- what the API returns (dates as ISO strings) ----------

const unitRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

/** The light of a task or problem (DOMAIN.md §5); null for a draft or once it is closed out. */
export const taskLightStateSchema = z.object({
  light: z.enum(TASK_LIGHTS).nullable(),
  /** The reason in the caller's language, e.g. 已超期 3 天 / 3 days overdue. */
  reason: z.string(),
  /** Red with no corrective action since the deadline passed. */
  alert: z.boolean(),
  /** 时序进度, 0–100. */
  expected: z.number(),
});
export type TaskLightState = z.infer<typeof taskLightStateSchema>;

/** Counts by light, and of the red ones nobody acts on (预警). */
export const lightCountsSchema = z.object({ green: z.number(), blue: z.number(), yellow: z.number(), red: z.number(), alert: z.number() });
export type LightCounts = z.infer<typeof lightCountsSchema>;

/** A supervised task (督办事项) as listed. */
export const taskDtoSchema = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  source: z.enum(TASK_SOURCES),
  sourceLabel: z.string(),
  originRef: z.string().nullable(),
  originSuggestionId: z.number().nullable(),
  leadUnit: unitRef,
  coUnitIds: z.array(z.number()),
  coUnits: z.array(unitRef),
  responsibleLeader: z.string(),
  /** The responsible leader's account; null for a leader named only. */
  responsibleLeaderUserId: z.number().nullable(),
  /** The record the task was made from in one step (a meeting's comment carries its meeting). */
  origin: z
    .object({ kind: z.enum(TASK_ORIGIN_KINDS), id: z.number(), unitId: z.number().nullable(), indicatorId: z.number().nullable(), meetingId: z.number().nullable() })
    .nullable(),
  startDate: z.string(),
  deadline: z.string(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  progress: z.number().nullable(),
  returned: z.boolean(),
  light: taskLightStateSchema,
  closedAt: z.string().nullable(),
});
export type TaskDto = z.infer<typeof taskDtoSchema>;

/** An evidence file a unit uploaded to a task (or to a problem's requirement). */
export const evidenceFileSchema = z.object({
  id: z.number(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export const taskEvidenceDtoSchema = evidenceFileSchema;
export type TaskEvidenceDto = z.infer<typeof taskEvidenceDtoSchema>;

/** One step taken on a task. */
export const taskEventDtoSchema = z.object({
  id: z.number(),
  action: z.enum(TASK_ACTIONS),
  label: z.string(),
  from: z.enum(TASK_STATUSES),
  to: z.enum(TASK_STATUSES),
  actor: z.string(),
  note: z.string().nullable(),
  progress: z.number().nullable(),
  at: z.string(),
  evidence: z.array(taskEvidenceDtoSchema),
});
export type TaskEventDto = z.infer<typeof taskEventDtoSchema>;

/** One task with its milestones, every step taken, and the steps the caller may take now. */
export const taskDetailDtoSchema = taskDtoSchema.extend({
  milestones: z.array(z.object({ id: z.number(), title: z.string(), dueDate: z.string(), doneAt: z.string().nullable() })),
  events: z.array(taskEventDtoSchema),
  actions: z.array(z.enum(TASK_ACTIONS)),
});
export type TaskDetailDto = z.infer<typeof taskDetailDtoSchema>;

export const taskListSchema = z.object({ items: z.array(taskDtoSchema), counts: lightCountsSchema });
export type TaskList = z.infer<typeof taskListSchema>;

/** The flow's optional steps and the light thresholds, as the server keeps them. */
export const supervisionSettingsDtoSchema = z.object({
  flow: z.object({ leaderReview: z.boolean(), signFor: z.boolean() }),
  lights: z.object({ blueDays: z.number(), lagTolerance: z.number(), graceDays: z.number() }),
});
export type SupervisionSettings = z.infer<typeof supervisionSettingsDtoSchema>;
