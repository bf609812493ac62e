import type { Queryable } from '../../db/database.js';
import type { WorkCalendar } from './calendar.js';

// ---------- settings ----------

export interface SettingsRow {
  lead_days: number;
  repeat_days: number;
  escalate_head_after: number;
  escalate_office_after: number;
  send_hour: number;
  email: boolean;
  sms: boolean;
  webhook: boolean;
}

export const findSettings = async (db: Queryable): Promise<SettingsRow> =>
  (
    await db.query<SettingsRow>(
      'select lead_days, repeat_days, escalate_head_after, escalate_office_after, send_hour, email, sms, webhook from reminder_settings where id = 1',
    )
  )[0]!;

export async function updateSettings(db: Queryable, s: SettingsRow): Promise<void> {
  await db.query(
    `update reminder_settings set lead_days = $1, repeat_days = $2, escalate_head_after = $3, escalate_office_after = $4, send_hour = $5,
       email = $6, sms = $7, webhook = $8, updated_at = now() where id = 1`,
    [s.lead_days, s.repeat_days, s.escalate_head_after, s.escalate_office_after, s.send_hour, s.email, s.sms, s.webhook],
  );
}

// ---------- calendar ----------

export interface CalendarDayRow {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export const findCalendarDays = (db: Queryable, from: string, to: string) =>
  db.query<CalendarDayRow>(`select to_char(day, 'YYYY-MM-DD') as day, kind, name from work_calendar where day between $1 and $2 order by day`, [from, to]);

export const findCalendarDay = async (db: Queryable, day: string, forUpdate = false) =>
  (await db.query<CalendarDayRow>(`select to_char(day, 'YYYY-MM-DD') as day, kind, name from work_calendar where day = $1${forUpdate ? ' for update' : ''}`, [day]))[0];

export async function upsertCalendarDay(db: Queryable, d: CalendarDayRow): Promise<void> {
  await db.query(
    `insert into work_calendar (day, kind, name) values ($1, $2, $3)
     on conflict (day) do update set kind = excluded.kind, name = excluded.name, updated_at = now()`,
    [d.day, d.kind, d.name],
  );
}

export async function deleteCalendarDay(db: Queryable, day: string): Promise<boolean> {
  return (await db.query('delete from work_calendar where day = $1 returning day', [day])).length > 0;
}

/** The whole calendar: a few dozen rows a year. */
export async function loadCalendar(db: Queryable): Promise<WorkCalendar> {
  const rows = await db.query<{ day: string; kind: string }>(`select to_char(day, 'YYYY-MM-DD') as day, kind from work_calendar`);
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
}

// ---------- contacts ----------

export interface ContactsRow {
  user_id: number;
  email: string | null;
  phone: string | null;
}

export const findContacts = async (db: Queryable, userId: number) =>
  (await db.query<ContactsRow>('select user_id, email, phone from user_contacts where user_id = $1', [userId]))[0];

export const findContactsOf = (db: Queryable, userIds: number[]) =>
  db.query<ContactsRow>('select user_id, email, phone from user_contacts where user_id = any($1::int[])', [userIds]);

export async function upsertContacts(db: Queryable, c: ContactsRow): Promise<void> {
  await db.query(
    `insert into user_contacts (user_id, email, phone) values ($1, $2, $3)
     on conflict (user_id) do update set email = excluded.email, phone = excluded.phone, updated_at = now()`,
    [c.user_id, c.email, c.phone],
  );
}

export const userExists = async (db: Queryable, userId: number) =>
  (await db.query('select 1 from users where id = $1', [userId])).length > 0;

// ---------- webhooks ----------

export interface WebhookRow {
  id: number;
  name: string;
  url: string;
  unit_id: number | null;
  kinds: string[];
  active: boolean;
  created_at: Date;
}

export const findWebhooks = (db: Queryable) =>
  db.query<WebhookRow>('select id, name, url, unit_id, kinds, active, created_at from webhooks where active order by id');

export const findWebhook = async (db: Queryable, id: number) =>
  (await db.query<WebhookRow>('select id, name, url, unit_id, kinds, active, created_at from webhooks where id = $1', [id]))[0];

export async function insertWebhook(
  db: Queryable,
  w: { name: string; url: string; secret: string; unitId: number | null; kinds: string[]; createdBy: number | null },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'insert into webhooks (name, url, secret, unit_id, kinds, created_by) values ($1, $2, $3, $4, $5::text[], $6) returning id',
    [w.name, w.url, w.secret, w.unitId, w.kinds, w.createdBy],
  );
  return row!.id;
}

/** Switched off, not deleted: its reminders keep their history. Reminders not yet sent to it are cancelled. */
export async function deactivateWebhook(db: Queryable, id: number): Promise<boolean> {
  const done = await db.query('update webhooks set active = false where id = $1 and active returning id', [id]);
  if (!done.length) return false;
  await db.query(`update reminder_jobs set status = 'cancelled', last_error = 'webhook removed' where webhook_id = $1 and status = 'pending'`, [id]);
  return true;
}

export const unitExists = async (db: Queryable, unitId: number) =>
  (await db.query('select 1 from units where id = $1', [unitId])).length > 0;

// ---------- planning ----------

/** Statuses in which the lead unit has work to do; reminders run only then. */
export const OPEN_STATUSES = ['issued', 'in_progress'];

export interface OpenTaskRow {
  id: number;
  title: string;
  deadline: string;
  lead_unit_id: number;
  lead_unit_name: string;
  responsible_leader: string;
}

export const findOpenTasks = (db: Queryable) =>
  db.query<OpenTaskRow>(
    `select t.id, t.title, to_char(t.deadline, 'YYYY-MM-DD') as deadline, t.lead_unit_id, u.name as lead_unit_name, t.responsible_leader
       from tasks t join units u on u.id = t.lead_unit_id
      where t.status = any($1::text[]) order by t.id`,
    [OPEN_STATUSES],
  );

export interface RecipientRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  unit_id: number | null;
  email: string | null;
  phone: string | null;
}

/** Everyone a reminder can go to: the people of the given units, the supervision office and the city leaders. */
export const findRecipients = (db: Queryable, unitIds: number[]) =>
  db.query<RecipientRow>(
    `select u.id, u.username, u.display_name, u.role, u.unit_id, c.email, c.phone
       from users u left join user_contacts c on c.user_id = u.id
      where u.active and ((u.role in ('head', 'reporter') and u.unit_id = any($1::int[])) or u.role in ('supervisor', 'leader'))
      order by u.id`,
    [unitIds],
  );

export interface ActiveWebhookRow {
  id: number;
  unit_id: number | null;
  kinds: string[];
}

export const findActiveWebhooks = (db: Queryable) => db.query<ActiveWebhookRow>('select id, unit_id, kinds from webhooks where active order by id');

export interface NewJob {
  taskId: number;
  kind: string;
  dueDate: string;
  recipient: string;
  channel: string;
  userId: number | null;
  webhookId: number | null;
  key: string;
  title: string;
  body: string;
  dueAt: Date;
}

/** Inserts the jobs not planned before; returns how many were new. */
export async function insertJobs(db: Queryable, jobs: NewJob[]): Promise<number> {
  if (!jobs.length) return 0;
  const col = <T>(f: (j: NewJob) => T) => jobs.map(f);
  const rows = await db.query(
    `insert into reminder_jobs (task_id, kind, due_date, recipient, channel, user_id, webhook_id, idempotency_key, title, body, due_at)
     select * from unnest($1::int[], $2::text[], $3::date[], $4::text[], $5::text[], $6::int[], $7::int[], $8::uuid[], $9::text[], $10::text[], $11::timestamptz[])
     on conflict on constraint reminder_jobs_once do nothing
     returning id`,
    [
      col((j) => j.taskId),
      col((j) => j.kind),
      col((j) => j.dueDate),
      col((j) => j.recipient),
      col((j) => j.channel),
      col((j) => j.userId),
      col((j) => j.webhookId),
      col((j) => j.key),
      col((j) => j.title),
      col((j) => j.body),
      col((j) => j.dueAt.toISOString()),
    ],
  );
  return rows.length;
}

/** Reminders not yet sent whose task was closed, sent back or withdrawn, or whose 临近提醒 the deadline overtook. */
export async function cancelStaleJobs(db: Queryable, today: string): Promise<number> {
  const rows = await db.query(
    `update reminder_jobs j set status = 'cancelled',
            last_error = case when t.status = any($1::text[]) then 'the deadline has passed' else 'the task is no longer open' end
       from tasks t
      where t.id = j.task_id and j.status = 'pending'
        and (not (t.status = any($1::text[])) or (j.kind = 'approaching' and t.deadline < $2::date))
     returning j.id`,
    [OPEN_STATUSES, today],
  );
  return rows.length;
}

// ---------- sending ----------

export interface ClaimedJob {
  id: number;
  /** A task's reminder, or (task_id null) a bulletin's message. */
  task_id: number | null;
  bulletin_id: number | null;
  kind: string;
  due_date: string;
  channel: 'email' | 'sms' | 'webhook';
  user_id: number | null;
  webhook_id: number | null;
  idempotency_key: string;
  title: string;
  body: string;
  attempts: number;
}

/**
 * Reminders whose sender died mid-send (claimed longer ago than the lease): email and webhooks
 * go back to the queue and are sent again with the same idempotency key, so the receiver can
 * drop the repeat; an SMS has no such key, so it is marked uncertain and left for a person.
 */
export const recoverInterrupted = (db: Queryable, now: Date, cutoff: Date) =>
  db.query<{ id: number; channel: string; status: string }>(
    `update reminder_jobs set
            status = case when channel = 'sms' then 'uncertain' else 'pending' end,
            due_at = case when channel = 'sms' then due_at else $1::timestamptz end,
            last_error = case when channel = 'sms'
              then 'interrupted while sending; an SMS cannot be deduplicated by the receiver, so it is not sent again'
              else 'interrupted while sending; sent again with the same idempotency key' end
      where status = 'sending' and attempted_at < $2
     returning id, channel, status`,
    [now, cutoff],
  );

/** Claims due inbox reminders, writes their inbox items and marks them sent, in one transaction. */
export async function deliverInbox(tx: Queryable, now: Date, limit: number, claimedBy: string): Promise<number> {
  const due = await tx.query<{ id: number }>(
    `select j.id from reminder_jobs j
      where j.status = 'pending' and j.channel = 'inbox' and j.due_at <= $1
      order by j.due_at, j.id limit $2
      for update of j skip locked`,
    [now, limit],
  );
  if (!due.length) return 0;
  const ids = due.map((r) => r.id);
  await tx.query(
    `insert into inbox_items (user_id, job_id, task_id, bulletin_id, kind, title, body, created_at)
     select user_id, id, task_id, bulletin_id, kind, title, body, $2::timestamptz from reminder_jobs where id = any($1::int[])
     on conflict (job_id) do nothing`,
    [ids, now],
  );
  await tx.query(
    `update reminder_jobs set status = 'sent', attempts = attempts + 1, attempted_at = $2::timestamptz, sent_at = $2::timestamptz, claimed_by = $3, last_error = null
      where id = any($1::int[])`,
    [ids, now, claimedBy],
  );
  return ids.length;
}

/** Claims due reminders of the outside channels: records the attempt (status sending) before anything is sent. */
export const claimExternal = (db: Queryable, now: Date, limit: number, claimedBy: string) =>
  db.query<ClaimedJob>(
    `with due as (
       select j.id from reminder_jobs j
        where j.status = 'pending' and j.channel <> 'inbox' and j.due_at <= $1
        order by j.due_at, j.id limit $2
        for update of j skip locked
     )
     update reminder_jobs j set status = 'sending', attempts = j.attempts + 1, attempted_at = $1, claimed_by = $3
       from due where j.id = due.id
     returning j.id, j.task_id, j.bulletin_id, j.kind, to_char(j.due_date, 'YYYY-MM-DD') as due_date, j.channel, j.user_id, j.webhook_id,
               j.idempotency_key::text as idempotency_key, j.title, j.body, j.attempts`,
    [now, limit, claimedBy],
  );

export interface SendContextRow {
  id: number;
  email: string | null;
  phone: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  webhook_active: boolean | null;
  task_title: string | null;
  task_deadline: string | null;
  task_status: string | null;
  responsible_leader: string | null;
  lead_unit_id: number | null;
  lead_unit_code: string | null;
  lead_unit_name: string | null;
  /** A bulletin's message: whether the recipient's unit has signed for it since. */
  bulletin_signed: boolean | null;
}

/** What sending the claimed reminders needs: addresses as they are now, the webhook's secret, the task. */
export const findSendContext = (db: Queryable, ids: number[]) =>
  db.query<SendContextRow>(
    `select j.id, c.email, c.phone, w.url as webhook_url, w.secret as webhook_secret, w.active as webhook_active,
            t.title as task_title, to_char(t.deadline, 'YYYY-MM-DD') as task_deadline, t.status as task_status, t.responsible_leader,
            u.id as lead_unit_id, u.code as lead_unit_code, u.name as lead_unit_name,
            (select r.signed_at is not null from bulletin_receipts r join users ru on ru.unit_id = r.unit_id
              where r.bulletin_id = j.bulletin_id and ru.id = j.user_id) as bulletin_signed
       from reminder_jobs j
       left join tasks t on t.id = j.task_id
       left join units u on u.id = t.lead_unit_id
       left join user_contacts c on c.user_id = j.user_id
       left join webhooks w on w.id = j.webhook_id
      where j.id = any($1::int[])`,
    [ids],
  );

/** Settles a claimed reminder; does nothing if the claim was lost (taken over after the lease ran out). */
export async function settle(
  db: Queryable,
  id: number,
  claimedBy: string,
  outcome: { status: 'sent' | 'failed' | 'skipped' | 'cancelled' | 'pending'; at: Date; error?: string; retryAt?: Date },
): Promise<boolean> {
  const rows = await db.query(
    `update reminder_jobs set status = $3, sent_at = case when $3 = 'sent' then $4::timestamptz else sent_at end,
            last_error = $5, due_at = coalesce($6::timestamptz, due_at)
      where id = $1 and claimed_by = $2 and status = 'sending' returning id`,
    [id, claimedBy, outcome.status, outcome.at, outcome.error ?? null, outcome.retryAt ?? null],
  );
  return rows.length > 0;
}

// ---------- reading ----------

export interface JobRow {
  id: number;
  task_id: number;
  kind: string;
  due_date: string;
  recipient: string;
  channel: string;
  status: string;
  attempts: number;
  due_at: Date;
  sent_at: Date | null;
  last_error: string | null;
  title: string;
}

export const findJobs = (db: Queryable, f: { taskId?: number; status?: string; limit: number }) =>
  db.query<JobRow>(
    `select id, task_id, kind, to_char(due_date, 'YYYY-MM-DD') as due_date, recipient, channel, status, attempts, due_at, sent_at, last_error, title
       from reminder_jobs
      where ($1::int is null or task_id = $1) and ($2::text is null or status = $2)
      order by id desc limit $3`,
    [f.taskId ?? null, f.status ?? null, f.limit],
  );

export const countJobsByStatus = (db: Queryable, taskId: number | undefined) =>
  db.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from reminder_jobs where ($1::int is null or task_id = $1) group by status order by status',
    [taskId ?? null],
  );

// ---------- inbox ----------

export interface InboxRow {
  id: number;
  task_id: number | null;
  kind: string;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

export const findInbox = (db: Queryable, userId: number, f: { unreadOnly: boolean; limit: number; beforeId?: number }) =>
  db.query<InboxRow>(
    `select id, task_id, kind, title, body, created_at, read_at from inbox_items
      where user_id = $1 and (not $2 or read_at is null) and ($4::int is null or id < $4)
      order by id desc limit $3`,
    [userId, f.unreadOnly, f.limit, f.beforeId ?? null],
  );

export const countUnread = async (db: Queryable, userId: number) =>
  (await db.query<{ n: number }>('select count(*)::int as n from inbox_items where user_id = $1 and read_at is null', [userId]))[0]!.n;

export const markRead = async (db: Queryable, userId: number, id: number) =>
  (await db.query<{ id: number; read_at: Date }>(
    'update inbox_items set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning id, read_at',
    [id, userId],
  ))[0];

export const markAllRead = async (db: Queryable, userId: number) =>
  (await db.query('update inbox_items set read_at = now() where user_id = $1 and read_at is null returning id', [userId])).length;

// ---------- monitoring ----------

/** The queue's backlog for monitoring: how long the oldest due reminder has waited, and how many are retrying after a failed try. */
export const findQueueBacklog = async (db: Queryable, now: Date) =>
  (
    await db.query<{ lag_seconds: number; retrying: number }>(
      `select coalesce(extract(epoch from ($1::timestamptz - min(due_at) filter (where due_at <= $1))), 0)::float8 as lag_seconds,
              count(*) filter (where attempts > 0)::int as retrying
         from reminder_jobs where status = 'pending'`,
      [now],
    )
  )[0]!;

/**
 * Puts a message in the inbox of every active user of the given roles (the first role that has any),
 * for events the system itself raises, such as a scheduled score run that could not score. Returns
 * how many were written.
 */
export async function notifyRoles(db: Queryable, roles: string[], item: { kind: string; title: string; body: string }): Promise<number> {
  for (const role of roles) {
    const rows = await db.query(
      `insert into inbox_items (user_id, kind, title, body) select id, $2, $3, $4 from users where role = $1 and active returning id`,
      [role, item.kind, item.title, item.body],
    );
    if (rows.length) return rows.length;
  }
  return 0;
}
