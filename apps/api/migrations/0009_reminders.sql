-- Reminders of supervised tasks: the working-day calendar, settings, contacts of users, webhook
-- subscribers, the queue of reminders (one row per task, kind, due date, recipient and channel)
-- and the in-app inbox.

-- Days that depart from Monday–Friday: public holidays, and weekend days that are working days (调休).
create table work_calendar (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null default '',
  updated_at timestamptz not null default now()
)
--;
-- The State Council's arrangement for 2021 (国务院办公厅关于2021年部分节假日安排的通知), for the demo year.
insert into work_calendar (day, kind, name) values
  ('2021-01-01', 'holiday', '元旦'),
  ('2021-01-02', 'holiday', '元旦'),
  ('2021-01-03', 'holiday', '元旦'),
  ('2021-02-07', 'workday', '春节调休'),
  ('2021-02-11', 'holiday', '春节'),
  ('2021-02-12', 'holiday', '春节'),
  ('2021-02-13', 'holiday', '春节'),
  ('2021-02-14', 'holiday', '春节'),
  ('2021-02-15', 'holiday', '春节'),
  ('2021-02-16', 'holiday', '春节'),
  ('2021-02-17', 'holiday', '春节'),
  ('2021-02-20', 'workday', '春节调休'),
  ('2021-04-03', 'holiday', '清明节'),
  ('2021-04-04', 'holiday', '清明节'),
  ('2021-04-05', 'holiday', '清明节'),
  ('2021-04-25', 'workday', '劳动节调休'),
  ('2021-05-01', 'holiday', '劳动节'),
  ('2021-05-02', 'holiday', '劳动节'),
  ('2021-05-03', 'holiday', '劳动节'),
  ('2021-05-04', 'holiday', '劳动节'),
  ('2021-05-05', 'holiday', '劳动节'),
  ('2021-05-08', 'workday', '劳动节调休'),
  ('2021-06-12', 'holiday', '端午节'),
  ('2021-06-13', 'holiday', '端午节'),
  ('2021-06-14', 'holiday', '端午节'),
  ('2021-09-18', 'workday', '中秋节调休'),
  ('2021-09-19', 'holiday', '中秋节'),
  ('2021-09-20', 'holiday', '中秋节'),
  ('2021-09-21', 'holiday', '中秋节'),
  ('2021-09-26', 'workday', '国庆节调休'),
  ('2021-10-01', 'holiday', '国庆节'),
  ('2021-10-02', 'holiday', '国庆节'),
  ('2021-10-03', 'holiday', '国庆节'),
  ('2021-10-04', 'holiday', '国庆节'),
  ('2021-10-05', 'holiday', '国庆节'),
  ('2021-10-06', 'holiday', '国庆节'),
  ('2021-10-07', 'holiday', '国庆节'),
  ('2021-10-09', 'workday', '国庆节调休')
--;
create table reminder_settings (
  id integer primary key check (id = 1),
  lead_days integer not null default 3 check (lead_days between 1 and 30),
  repeat_days integer not null default 2 check (repeat_days between 1 and 30),
  escalate_head_after integer not null default 2 check (escalate_head_after between 1 and 60),
  escalate_office_after integer not null default 5 check (escalate_office_after between 1 and 120),
  send_hour integer not null default 9 check (send_hour between 0 and 23),
  email boolean not null default true,
  sms boolean not null default false,
  webhook boolean not null default true,
  updated_at timestamptz not null default now(),
  check (escalate_office_after > escalate_head_after)
)
--;
insert into reminder_settings (id) values (1)
--;
create table user_contacts (
  user_id integer primary key references users (id),
  email text,
  phone text,
  updated_at timestamptz not null default now()
)
--;
create table webhooks (
  id serial primary key,
  name text not null,
  url text not null,
  -- Signs every delivery (HMAC-SHA256); shown once, when the subscriber is registered.
  secret text not null,
  unit_id integer references units (id),
  kinds text[] not null,
  active boolean not null default true,
  created_by integer references users (id),
  created_at timestamptz not null default now()
)
--;
create table reminder_jobs (
  id serial primary key,
  task_id integer not null references tasks (id),
  kind text not null check (kind in ('approaching', 'overdue', 'escalation_head', 'escalation_office')),
  due_date date not null,
  -- 'user:<id>' or 'webhook:<id>'
  recipient text not null,
  channel text not null check (channel in ('inbox', 'email', 'sms', 'webhook')),
  user_id integer references users (id),
  webhook_id integer references webhooks (id),
  -- Sent with every try (Idempotency-Key header, email Message-ID) so a receiver can drop a repeat.
  idempotency_key uuid not null unique,
  title text not null,
  body text not null,
  -- When it may go out next: the due date at the sending hour, later after a failed try.
  due_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'uncertain', 'cancelled', 'skipped')),
  attempts integer not null default 0,
  attempted_at timestamptz,
  claimed_by text,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  -- A reminder is planned once, however often and by however many instances the planner runs.
  constraint reminder_jobs_once unique (task_id, kind, due_date, recipient, channel),
  check ((user_id is not null) = (recipient like 'user:%')),
  check ((webhook_id is not null) = (channel = 'webhook'))
)
--;
create index reminder_jobs_due_idx on reminder_jobs (due_at, id) where status = 'pending'
--;
create index reminder_jobs_sending_idx on reminder_jobs (attempted_at) where status = 'sending'
--;
create table inbox_items (
  id serial primary key,
  user_id integer not null references users (id),
  -- One inbox item per reminder: written in the transaction that marks the reminder sent.
  job_id integer unique references reminder_jobs (id),
  task_id integer references tasks (id),
  kind text not null,
  title text not null,
  body text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
)
--;
create index inbox_items_user_idx on inbox_items (user_id, id desc)
--;
create index inbox_items_unread_idx on inbox_items (user_id) where read_at is null
