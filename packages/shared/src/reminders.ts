import { z } from 'zod';

const id = z.number().int().positive().max(2_147_483_647);

/**
 * Reminders of supervised tasks (DOMAIN.md §5): 临近提醒 before the deadline, 到期催办 on the
 * deadline day and every few working days after, and two steps of escalation (升级) while a task
 * stays overdue: to the lead unit's head, then to the responsible leader and the supervision office.
 */
export const REMINDER_KINDS = ['approaching', 'overdue', 'escalation_head', 'escalation_office'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  approaching: '临近提醒',
  overdue: '到期催办',
  escalation_head: '超期升级（单位负责人）',
  escalation_office: '超期升级（责任领导、督查室）',
};

export const REMINDER_CHANNELS = ['inbox', 'email', 'sms', 'webhook'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

export const REMINDER_STATUSES = ['pending', 'sending', 'sent', 'failed', 'uncertain', 'cancelled', 'skipped'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const reminderSettingsSchema = z
  .strictObject({
    /** 临近提醒 this many working days before the deadline. */
    leadDays: z.number().int().min(1).max(30),
    /** 到期催办 on the deadline day, then every this many working days while the task is open. */
    repeatDays: z.number().int().min(1).max(30),
    /** Escalate to the lead unit's head after this many overdue working days. */
    escalateHeadAfter: z.number().int().min(1).max(60),
    /** Escalate to the responsible leader and the supervision office after this many overdue working days. */
    escalateOfficeAfter: z.number().int().min(1).max(120),
    /** Hour of the day (China time) reminders go out. */
    sendHour: z.number().int().min(0).max(23),
    /** The inbox is always on; the other channels can be switched off. */
    channels: z.strictObject({ email: z.boolean(), sms: z.boolean(), webhook: z.boolean() }),
  })
  .refine((s) => s.escalateOfficeAfter > s.escalateHeadAfter, {
    message: '升级至责任领导和督查室须晚于升级至单位负责人 / escalate to the office after escalating to the unit head',
    path: ['escalateOfficeAfter'],
  });
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

/** A day of the working-day calendar that departs from Monday–Friday: a holiday, or a make-up working day (调休). */
export const calendarDaySchema = z.strictObject({
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().max(60).default(''),
});

export const calendarDateSchema = z.iso
  .date()
  .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', { message: '日期须在 2000 至 2100 年之间 / a date from 2000 to 2100' });

export const webhookCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  url: z
    .url({ protocol: /^https?$/, message: '须为 http(s) 地址 / an http(s) URL' })
    .max(2000),
  /** Only tasks led by this unit; every task when absent. */
  unitId: id.optional(),
  kinds: z.array(z.enum(REMINDER_KINDS)).min(1).max(REMINDER_KINDS.length).default([...REMINDER_KINDS]),
});
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;

/** Where a user is reached outside the app; null clears it. */
export const contactsSchema = z.strictObject({
  email: z.email('请输入有效的邮箱地址 / enter a valid email address').max(200).nullable(),
  phone: z.string().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号 / enter an 11-digit mobile number').nullable(),
});
export type Contacts = z.infer<typeof contactsSchema>;

/** GET /api/inbox: the caller's in-app messages, newest first, and how many are unread. */
export const inboxSchema = z.object({
  items: z.array(
    z.object({ id: z.number(), taskId: z.number().nullable(), kind: z.string(), title: z.string(), body: z.string(), createdAt: z.string(), readAt: z.string().nullable() }),
  ),
  unread: z.number(),
});
export type Inbox = z.infer<typeof inboxSchema>;
export type InboxItem = Inbox['items'][number];
/** POST /api/inbox/:id/read. */
export const inboxReadSchema = z.object({ id: z.number(), readAt: z.string(), unread: z.number() });
/** POST /api/inbox/read-all. */
export const inboxReadAllSchema = z.object({ marked: z.number(), unread: z.number() });

/** GET /api/reminders: the queue, newest first, and the count of jobs in each status. */
export const reminderJobListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      taskId: z.number(),
      kind: z.string(),
      dueDate: z.string(),
      recipient: z.string(),
      channel: z.string(),
      status: z.string(),
      attempts: z.number(),
      title: z.string(),
      dueAt: z.string(),
      sentAt: z.string().nullable(),
      lastError: z.string().nullable(),
    }),
  ),
  counts: z.record(z.string(), z.number()),
});
export type ReminderJobList = z.infer<typeof reminderJobListSchema>;

/** A day of the calendar as stored (PUT /api/calendar/days/:date answers it). */
export const calendarEntrySchema = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() });
/** GET /api/calendar: a year's holidays and make-up working days, and its working days under them. */
export const calendarSchema = z.object({ year: z.number(), workingDays: z.number(), days: z.array(calendarEntrySchema) });
export type Calendar = z.infer<typeof calendarSchema>;

/** A webhook subscriber (its secret is shown only in the answer that creates it). */
export const webhookSchema = z.object({ id: z.number(), name: z.string(), url: z.string(), unitId: z.number().nullable(), kinds: z.array(z.string()), createdAt: z.string() });
export type WebhookDto = z.infer<typeof webhookSchema>;
export const webhookListSchema = z.object({ items: z.array(webhookSchema) });
/** POST /api/webhooks: the subscriber with its signing secret, this once. */
export const webhookCreatedSchema = webhookSchema.extend({ secret: z.string() });
