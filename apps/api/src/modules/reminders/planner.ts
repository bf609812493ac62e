import { randomUUID } from 'node:crypto';
import type { ReminderKind } from '@kaoping/shared';
import type { Database } from '../../db/database.js';
import type { TimeZone } from '../../lib/time-zone.js';
import * as repo from './reminders.repository.js';
import { dueReminders, type DueReminder } from './schedule.js';

export interface PlanResult {
  /** Reminders newly planned (one per recipient and channel). */
  planned: number;
  /** Reminders not yet sent that were cancelled because their task closed or their moment passed. */
  cancelled: number;
}

function message(kind: ReminderKind, due: DueReminder, t: repo.OpenTaskRow): { title: string; body: string } {
  const what = `督办事项“${t.title}”（牵头单位：${t.lead_unit_name}；责任领导：${t.responsible_leader}）`;
  switch (kind) {
    case 'approaching':
      return { title: `【临近提醒】${t.title}`, body: `${what}办理期限为 ${t.deadline}，还有 ${due.days} 个工作日到期，请抓紧办理并按时反馈。` };
    case 'overdue':
      return due.days === 0
        ? { title: `【到期催办】${t.title}`, body: `${what}今天（${t.deadline}）到期，请今日办结并反馈；不能按期办结的，请说明原因。` }
        : { title: `【到期催办】${t.title}`, body: `${what}已超过办理期限（${t.deadline}）${due.days} 个工作日，请立即办理并反馈。` };
    case 'escalation_head':
      return { title: `【超期升级】${t.title}`, body: `${what}已超过办理期限（${t.deadline}）${due.days} 个工作日仍未办结，请单位负责人督促办理并反馈。` };
    case 'escalation_office':
      return {
        title: `【超期升级】${t.title}`,
        body: `${what}已超过办理期限（${t.deadline}）${due.days} 个工作日仍未办结，提请责任领导${t.responsible_leader}和市督查室督办。`,
      };
  }
}

/**
 * Who a reminder goes to. 临近提醒 and 到期催办: the lead unit's reporters (its head when it has
 * none). First escalation: the lead unit's head. Second: the city leader named as responsible
 * leader (matched by name or username) and the supervision office.
 */
function recipientsFor(kind: ReminderKind, t: repo.OpenTaskRow, people: repo.RecipientRow[]): repo.RecipientRow[] {
  const ofUnit = (role: string) => people.filter((p) => p.role === role && p.unit_id === t.lead_unit_id);
  switch (kind) {
    case 'approaching':
    case 'overdue': {
      const reporters = ofUnit('reporter');
      return reporters.length ? reporters : ofUnit('head');
    }
    case 'escalation_head':
      return ofUnit('head');
    case 'escalation_office': {
      const name = t.responsible_leader.trim();
      return people.filter((p) => p.role === 'supervisor' || (p.role === 'leader' && (p.display_name.trim() === name || p.username === name)));
    }
  }
}

/**
 * The scheduler pass: plans every reminder due by `now` for the open tasks, per recipient and
 * channel, and cancels those no longer wanted. Days are the deployment zone's; reminders go out at its send hour there. The unique key (task, kind, due date, recipient,
 * channel) makes it idempotent: run it as often as you like, on as many instances as you like.
 */
export async function planReminders(db: Database, now: Date, zone: TimeZone): Promise<PlanResult> {
  const today = zone.date(now);
  const cancelled = await repo.cancelStaleJobs(db, today);
  const [settings, cal, tasks] = await Promise.all([repo.findSettings(db), repo.loadCalendar(db), repo.findOpenTasks(db)]);
  if (!tasks.length) return { planned: 0, cancelled };
  const rules = {
    leadDays: settings.lead_days,
    repeatDays: settings.repeat_days,
    escalateHeadAfter: settings.escalate_head_after,
    escalateOfficeAfter: settings.escalate_office_after,
  };
  const people = await repo.findRecipients(db, [...new Set(tasks.map((t) => t.lead_unit_id))]);
  const hooks = settings.webhook ? await repo.findActiveWebhooks(db) : [];
  const jobs: repo.NewJob[] = [];
  for (const t of tasks) {
    for (const due of dueReminders(cal, t.deadline, today, rules)) {
      const { title, body } = message(due.kind, due, t);
      const base = { taskId: t.id, kind: due.kind, dueDate: due.dueDate, title, body, dueAt: zone.at(due.dueDate, settings.send_hour) };
      for (const p of recipientsFor(due.kind, t, people)) {
        const user = { ...base, recipient: `user:${p.id}`, userId: p.id, webhookId: null };
        jobs.push({ ...user, channel: 'inbox', key: randomUUID() });
        if (settings.email && p.email) jobs.push({ ...user, channel: 'email', key: randomUUID() });
        if (settings.sms && p.phone) jobs.push({ ...user, channel: 'sms', key: randomUUID() });
      }
      for (const h of hooks) {
        if ((h.unit_id === null || h.unit_id === t.lead_unit_id) && h.kinds.includes(due.kind)) {
          jobs.push({ ...base, recipient: `webhook:${h.id}`, channel: 'webhook', userId: null, webhookId: h.id, key: randomUUID() });
        }
      }
    }
  }
  let planned = 0;
  for (let i = 0; i < jobs.length; i += 500) planned += await repo.insertJobs(db, jobs.slice(i, i + 500));
  return { planned, cancelled };
}
