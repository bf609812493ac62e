-- Supervision (云督查): supervised tasks with lead and co-units, a named responsible leader,
-- milestones, and every step and progress report with its evidence.
create table supervision_settings (
  id integer primary key check (id = 1),
  leader_review boolean not null default true,
  sign_for boolean not null default true,
  blue_days integer not null default 3 check (blue_days between 0 and 60),
  lag_tolerance double precision not null default 0 check (lag_tolerance between 0 and 100),
  updated_at timestamptz not null default now()
)
--;
insert into supervision_settings (id) values (1)
--;
create table tasks (
  id serial primary key,
  title text not null,
  description text not null default '',
  source text not null check (source in ('instruction', 'meeting', 'key_work', 'suggestion', 'inspection', 'audit')),
  -- What it came from: a leader's instruction number, a meeting, a suggestion id, an inspection finding …
  origin_ref text,
  origin_suggestion_id integer references suggestions (id),
  lead_unit_id integer not null references units (id),
  responsible_leader text not null,
  start_date date not null,
  deadline date not null check (deadline >= start_date),
  status text not null default 'draft' check (status in ('draft', 'review', 'issued', 'in_progress', 'feedback', 'closed')),
  progress double precision check (progress between 0 and 100),
  returned boolean not null default false,
  last_action_at timestamptz,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz
)
--;
create index tasks_lead_idx on tasks (lead_unit_id, status)
--;
create table task_co_units (
  task_id integer not null references tasks (id),
  unit_id integer not null references units (id),
  primary key (task_id, unit_id)
)
--;
create table task_milestones (
  id serial primary key,
  task_id integer not null references tasks (id),
  title text not null,
  due_date date not null,
  done_at timestamptz
)
--;
-- Every step of a task (submit, sign, report, return …) with who, when, why and the progress reported.
create table task_events (
  id serial primary key,
  task_id integer not null references tasks (id),
  action text not null,
  from_status text not null,
  to_status text not null,
  actor_id integer references users (id),
  actor_name text not null,
  unit_id integer references units (id),
  note text,
  progress double precision,
  created_at timestamptz not null default now()
)
--;
create index task_events_task_idx on task_events (task_id, id)
