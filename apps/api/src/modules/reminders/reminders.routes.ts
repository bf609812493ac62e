import {
  calendarDateSchema,
  calendarDaySchema,
  calendarEntrySchema,
  calendarSchema,
  contactsSchema,
  inboxReadAllSchema,
  inboxReadSchema,
  inboxSchema,
  reminderJobListSchema,
  REMINDER_STATUSES,
  reminderSettingsSchema,
  webhookCreatedSchema,
  webhookCreateSchema,
  webhookListSchema,
} from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { today, type AppContext } from '../../app-context.js';
import { authorize, type Principal } from '../../lib/principal.js';
import { defineRoute, idParams } from '../../lib/route.js';
import { reminderPolicies } from './reminders.policy.js';
import * as reminders from './reminders.service.js';
import { WebhookTargets } from './webhook-target.js';

const dbId = z.coerce.number().int().positive().max(2_147_483_647);
const dateParams = z.strictObject({ date: calendarDateSchema });
const userParams = z.strictObject({ userId: dbId });
const calendarQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const jobsQuery = z.strictObject({
  taskId: dbId.optional(),
  status: z.enum(REMINDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
const inboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  beforeId: dbId.optional(),
});

/** Contacts belong to a person; an API token acts with a role but is no one. */
const selfOnly = (p: Principal): number => {
  authorize(p, reminderPolicies.self, undefined, '此操作需以本人账号登录 / sign in as a person to do this');
  return p.userId!;
};

export function registerReminderRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { db } = ctx;
  const webhookTargets = new WebhookTargets(ctx.config.webhookAllowNetworks);

  // ---- inbox: each signed-in person's own ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/inbox',
    summary: "The caller's in-app messages (reminders), newest first, with the count of unread ones",
    tags: ['reminders'],
    query: inboxQuery,
    response: inboxSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, reminderPolicies.inbox);
      return reminders.getInbox(db, principal.userId, { unreadOnly: query.unread === 'true', limit: query.limit ?? 50, beforeId: query.beforeId });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/inbox/:id/read',
    summary: 'Mark one of my messages read',
    tags: ['reminders'],
    params: idParams,
    response: inboxReadSchema,
    handler: async ({ principal, params }) => {
      authorize(principal, reminderPolicies.inbox);
      return reminders.readItem(db, principal.userId, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/inbox/read-all',
    summary: 'Mark all my messages read',
    tags: ['reminders'],
    response: inboxReadAllSchema,
    handler: async ({ principal }) => {
      authorize(principal, reminderPolicies.inbox);
      return reminders.readAll(db, principal.userId);
    },
  });

  // ---- contacts: where reminders reach a person outside the app ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/reminders/contacts',
    summary: 'My email address and mobile number for reminders',
    tags: ['reminders'],
    response: contactsSchema,
    handler: async ({ principal }) => reminders.getContacts(db, selfOnly(principal)),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/reminders/contacts',
    summary: 'Set my email address and mobile number for reminders (null clears one)',
    tags: ['reminders'],
    body: contactsSchema,
    response: contactsSchema,
    handler: async ({ principal, body, audit }) => reminders.saveContacts(db, selfOnly(principal), body, audit),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/reminders/contacts/:userId',
    summary: "Set a user's email address and mobile number for reminders (administrator)",
    tags: ['reminders'],
    params: userParams,
    body: contactsSchema,
    response: contactsSchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, reminderPolicies.contactsOfOthers);
      return reminders.saveContacts(db, params.userId, body, audit);
    },
  });

  // ---- settings and the queue ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/reminders/settings',
    summary: 'When reminders go out: working days before the deadline, repeat interval, escalation delays, channels',
    tags: ['reminders'],
    response: reminderSettingsSchema,
    handler: async ({ principal }) => {
      authorize(principal, reminderPolicies.readSettings);
      return reminders.loadSettings(db);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/reminders/settings',
    summary: 'Set when reminders go out and through which channels',
    tags: ['reminders'],
    body: reminderSettingsSchema,
    response: reminderSettingsSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, reminderPolicies.settings);
      return reminders.saveSettings(db, body, audit);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/reminders',
    summary: 'The reminder queue: what was planned, sent, retried, failed or cancelled, newest first',
    tags: ['reminders'],
    query: jobsQuery,
    response: reminderJobListSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, reminderPolicies.readQueue);
      return reminders.listJobs(db, query);
    },
  });

  // ---- the working-day calendar ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/calendar',
    summary: 'The working-day calendar of a year: holidays and make-up working days (调休)',
    tags: ['reminders'],
    query: calendarQuery,
    response: calendarSchema,
    handler: async ({ principal, query }) => {
      authorize(principal, reminderPolicies.readCalendar);
      return reminders.getCalendar(db, query.year ?? Number(today(ctx).slice(0, 4)));
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/calendar/days/:date',
    summary: 'Mark a day a holiday or a make-up working day',
    tags: ['reminders'],
    params: dateParams,
    body: calendarDaySchema,
    response: calendarEntrySchema,
    handler: async ({ principal, params, body, audit }) => {
      authorize(principal, reminderPolicies.calendar);
      return reminders.setCalendarDay(db, params.date, body, audit);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/calendar/days/:date',
    successStatus: 204,
    summary: 'Return a day to the Monday–Friday rule',
    tags: ['reminders'],
    params: dateParams,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, reminderPolicies.calendar);
      await reminders.clearCalendarDay(db, params.date, audit);
    },
  });

  // ---- webhook subscribers ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/webhooks',
    summary: 'Webhook subscribers of reminders (secrets are never shown again)',
    tags: ['reminders'],
    response: webhookListSchema,
    handler: async ({ principal }) => {
      authorize(principal, reminderPolicies.webhooks);
      return reminders.listWebhooks(db);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/webhooks',
    successStatus: 201,
    summary: 'Register a webhook subscriber; the answer holds its signing secret, shown this once',
    tags: ['reminders'],
    body: webhookCreateSchema,
    response: webhookCreatedSchema,
    handler: async ({ principal, body, audit }) => {
      authorize(principal, reminderPolicies.webhooks);
      return reminders.createWebhook(db, webhookTargets, body, principal.userId, audit);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/webhooks/:id',
    successStatus: 204,
    summary: 'Remove a webhook subscriber; reminders not yet sent to it are cancelled',
    tags: ['reminders'],
    params: idParams,
    handler: async ({ principal, params, audit }) => {
      authorize(principal, reminderPolicies.webhooks);
      await reminders.removeWebhook(db, params.id, audit);
    },
  });
}
