import type { Contacts, ReminderSettings, WebhookCreate } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { maskPhone } from '../privacy/privacy.js';
import { isWorkingDay } from './calendar.js';
import * as repo from './reminders.repository.js';
import { newWebhookSecret } from './signing.js';
import type { WebhookTargets } from './webhook-target.js';

// ---------- settings ----------

const toSettings = (s: repo.SettingsRow): ReminderSettings => ({
  leadDays: s.lead_days,
  repeatDays: s.repeat_days,
  escalateHeadAfter: s.escalate_head_after,
  escalateOfficeAfter: s.escalate_office_after,
  sendHour: s.send_hour,
  channels: { email: s.email, sms: s.sms, webhook: s.webhook },
});

export const loadSettings = async (db: Queryable): Promise<ReminderSettings> => toSettings(await repo.findSettings(db));

export async function saveSettings(db: Database, input: ReminderSettings, ctx: AuditContext): Promise<ReminderSettings> {
  return db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    await repo.updateSettings(tx, {
      lead_days: input.leadDays,
      repeat_days: input.repeatDays,
      escalate_head_after: input.escalateHeadAfter,
      escalate_office_after: input.escalateOfficeAfter,
      send_hour: input.sendHour,
      email: input.channels.email,
      sms: input.channels.sms,
      webhook: input.channels.webhook,
    });
    const after = await loadSettings(tx);
    await recordAudit(tx, ctx, { action: 'reminders.settings', entity: 'reminder_settings', entityId: 1, before, after });
    return after;
  });
}

// ---------- calendar ----------

export interface CalendarDto {
  year: number;
  /** Working days in the year under this calendar. */
  workingDays: number;
  days: { date: string; kind: 'holiday' | 'workday'; name: string }[];
}

export async function getCalendar(db: Queryable, year: number): Promise<CalendarDto> {
  const [rows, cal] = await Promise.all([repo.findCalendarDays(db, `${year}-01-01`, `${year}-12-31`), repo.loadCalendar(db)]);
  let workingDays = 0;
  for (let t = Date.UTC(year, 0, 1); t <= Date.UTC(year, 11, 31); t += 86_400_000) {
    if (isWorkingDay(cal, new Date(t).toISOString().slice(0, 10))) workingDays++;
  }
  return { year, workingDays, days: rows.map((r) => ({ date: r.day, kind: r.kind, name: r.name })) };
}

export async function setCalendarDay(db: Database, date: string, input: { kind: 'holiday' | 'workday'; name: string }, ctx: AuditContext) {
  return db.transaction(async (tx) => {
    const before = await repo.findCalendarDay(tx, date, true);
    await repo.upsertCalendarDay(tx, { day: date, kind: input.kind, name: input.name });
    const after = { date, kind: input.kind, name: input.name };
    await recordAudit(tx, ctx, { action: 'calendar.set', entity: 'work_calendar', entityId: date, before: before ?? null, after });
    return after;
  });
}

export async function clearCalendarDay(db: Database, date: string, ctx: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await repo.findCalendarDay(tx, date, true);
    if (!before || !(await repo.deleteCalendarDay(tx, date))) throw notFound(`日历中的 ${date}`);
    await recordAudit(tx, ctx, { action: 'calendar.clear', entity: 'work_calendar', entityId: date, before });
  });
}

// ---------- contacts ----------

const toContacts = (r: repo.ContactsRow | undefined): Contacts => ({ email: r?.email ?? null, phone: r?.phone ?? null });

export const getContacts = async (db: Queryable, userId: number): Promise<Contacts> => toContacts(await repo.findContacts(db, userId));

export async function saveContacts(db: Database, userId: number, input: Contacts, ctx: AuditContext): Promise<Contacts> {
  return db.transaction(async (tx) => {
    if (!(await repo.userExists(tx, userId))) throw notFound('用户');
    const before = toContacts(await repo.findContacts(tx, userId));
    await repo.upsertContacts(tx, { user_id: userId, email: input.email, phone: input.phone });
    // The log keeps that a number changed, not the number.
    const logged = (c: Contacts) => ({ email: c.email, phone: c.phone ? maskPhone(c.phone) : null });
    await recordAudit(tx, ctx, { action: 'contacts.update', entity: 'user', entityId: userId, before: logged(before), after: logged(input) });
    return input;
  });
}

// ---------- webhooks ----------

export interface WebhookDto {
  id: number;
  name: string;
  url: string;
  unitId: number | null;
  kinds: string[];
  createdAt: string;
}

const toWebhook = (w: repo.WebhookRow): WebhookDto => ({
  id: w.id,
  name: w.name,
  url: w.url,
  unitId: w.unit_id,
  kinds: w.kinds,
  createdAt: new Date(w.created_at).toISOString(),
});

export const listWebhooks = async (db: Queryable) => ({ items: (await repo.findWebhooks(db)).map(toWebhook) });

/** Registers a subscriber; its signing secret is in this answer only. */
export async function createWebhook(db: Database, targets: WebhookTargets, input: WebhookCreate, actorId: number | null, ctx: AuditContext): Promise<WebhookDto & { secret: string }> {
  await targets.check(input.url);
  return db.transaction(async (tx) => {
    if (input.unitId !== undefined && !(await repo.unitExists(tx, input.unitId))) {
      throw new AppError('VALIDATION_FAILED', 'unitId: 单位不存在 / no such unit', [{ path: 'body.unitId', message: 'unknown unit' }]);
    }
    const secret = newWebhookSecret();
    const id = await repo.insertWebhook(tx, { name: input.name, url: input.url, secret, unitId: input.unitId ?? null, kinds: [...new Set(input.kinds)], createdBy: actorId });
    const dto = toWebhook((await repo.findWebhook(tx, id))!);
    await recordAudit(tx, ctx, { action: 'webhook.create', entity: 'webhook', entityId: id, unitId: dto.unitId, after: dto });
    return { ...dto, secret };
  });
}

export async function removeWebhook(db: Database, id: number, ctx: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await repo.findWebhook(tx, id);
    if (!before?.active || !(await repo.deactivateWebhook(tx, id))) throw notFound('Webhook');
    await recordAudit(tx, ctx, { action: 'webhook.remove', entity: 'webhook', entityId: id, unitId: before.unit_id, before: toWebhook(before) });
  });
}

// ---------- the queue ----------

export async function listJobs(db: Queryable, f: { taskId?: number; status?: string; limit?: number }) {
  const [rows, counts] = await Promise.all([repo.findJobs(db, { ...f, limit: f.limit ?? 100 }), repo.countJobsByStatus(db, f.taskId)]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      kind: r.kind,
      dueDate: r.due_date,
      recipient: r.recipient,
      channel: r.channel,
      status: r.status,
      attempts: r.attempts,
      title: r.title,
      dueAt: new Date(r.due_at).toISOString(),
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
      lastError: r.last_error,
    })),
    counts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
  };
}

// ---------- inbox ----------

export interface InboxDto {
  items: { id: number; taskId: number | null; kind: string; title: string; body: string; createdAt: string; readAt: string | null }[];
  unread: number;
}

export async function getInbox(db: Queryable, userId: number | null, f: { unreadOnly: boolean; limit: number; beforeId?: number }): Promise<InboxDto> {
  if (userId === null) return { items: [], unread: 0 };
  const [rows, unread] = await Promise.all([repo.findInbox(db, userId, f), repo.countUnread(db, userId)]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      taskId: r.task_id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    })),
    unread,
  };
}

/** Marks one of the caller's own items read; another person's item is not found, as if it did not exist. */
export async function readItem(db: Queryable, userId: number | null, id: number): Promise<{ id: number; readAt: string; unread: number }> {
  const row = userId === null ? undefined : await repo.markRead(db, userId, id);
  if (!row) throw notFound('消息');
  return { id: row.id, readAt: new Date(row.read_at).toISOString(), unread: await repo.countUnread(db, userId!) };
}

export async function readAll(db: Queryable, userId: number | null): Promise<{ marked: number; unread: number }> {
  if (userId === null) return { marked: 0, unread: 0 };
  return { marked: await repo.markAllRead(db, userId), unread: 0 };
}
