import { z } from 'zod';

const id = z.number().int().positive().max(2_147_483_647);
const isoDate = z.iso.date();

export const TASK_SOURCES = ['instruction', 'meeting', 'key_work', 'suggestion', 'inspection', 'audit'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

export const taskCreateSchema = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    description: z.string().max(4000).default(''),
    source: z.enum(TASK_SOURCES),
    /** The instruction's or meeting's reference, e.g. 衡领批〔2021〕12号. */
    originRef: z.string().trim().max(200).optional(),
    originSuggestionId: id.optional(),
    leadUnitId: id,
    coUnitIds: z.array(id).max(50).default([]),
    /** 实名制: the leader answerable for the task, by name. */
    responsibleLeader: z.string().trim().min(2).max(60),
    startDate: isoDate,
    deadline: isoDate,
    milestones: z.array(z.strictObject({ title: z.string().trim().min(1).max(200), dueDate: isoDate })).max(50).default([]),
  })
  .refine((t) => t.deadline >= t.startDate, { message: '办理期限不能早于开始日期 / the deadline is before the start', path: ['deadline'] })
  .refine((t) => !t.coUnitIds.includes(t.leadUnitId), { message: '牵头单位不能同时是配合单位 / the lead unit cannot also be a co-unit', path: ['coUnitIds'] })
  .refine((t) => t.milestones.every((m) => m.dueDate >= t.startDate && m.dueDate <= t.deadline), { message: '节点须在开始日期与办理期限之间 / milestones must fall within the task', path: ['milestones'] })
  .refine((t) => t.source !== 'suggestion' || t.originSuggestionId !== undefined, { message: '来源为群众建议时须关联建议 / link the suggestion it came from', path: ['originSuggestionId'] });
export type TaskCreate = z.infer<typeof taskCreateSchema>;

export const taskActionSchema = z.strictObject({
  action: z.enum(['submit', 'approve', 'reject', 'sign', 'report', 'feedback', 'accept', 'return', 'reopen']),
  note: z.string().trim().max(4000).optional(),
  /** Completion reported with a progress report or the feedback, 0–100. */
  progress: z.number().min(0).max(100).optional(),
});

export const supervisionSettingsSchema = z.strictObject({
  leaderReview: z.boolean(),
  signFor: z.boolean(),
  blueDays: z.number().int().min(0).max(60),
  lagTolerance: z.number().min(0).max(100),
});
