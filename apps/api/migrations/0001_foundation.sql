-- Foundation: unit groups, units, users, sessions, API tokens and the append-only audit log.
create table unit_groups (
  id serial primary key,
  code text not null unique,
  name text not null,
  name_en text,
  kind text not null check (kind in ('county', 'district', 'park', 'municipal')),
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
)
--;
create table units (
  id serial primary key,
  code text not null unique,
  name text not null unique,
  short_name text,
  kind text not null check (kind in ('county', 'district', 'park', 'municipal')),
  group_id integer not null references unit_groups (id),
  adcode text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
)
--;
create index units_group_idx on units (group_id)
--;
create table users (
  id serial primary key,
  username text not null,
  display_name text not null,
  role text not null check (role in ('admin', 'office', 'supervisor', 'leader', 'head', 'reporter', 'datasource')),
  unit_id integer references units (id),
  password_hash text not null,
  active boolean not null default true,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- unit roles act for exactly one unit; city-wide roles for none
  constraint users_unit_role check ((role in ('head', 'reporter', 'datasource')) = (unit_id is not null))
)
--;
create unique index users_username_idx on users (lower(username))
--;
create table sessions (
  id text primary key,
  user_id integer not null references users (id) on delete cascade,
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
)
--;
create index sessions_user_idx on sessions (user_id)
--;
create table api_tokens (
  id serial primary key,
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  role text not null check (role in ('admin', 'office', 'supervisor', 'leader', 'head', 'reporter', 'datasource')),
  unit_id integer references units (id),
  created_by integer not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  constraint api_tokens_unit_role check ((role in ('head', 'reporter', 'datasource')) = (unit_id is not null))
)
--;
create table audit_log (
  id integer primary key,
  at timestamptz not null,
  actor_id integer,
  actor_name text not null,
  action text not null,
  entity text not null,
  entity_id text,
  unit_id integer,
  before jsonb,
  after jsonb,
  request_id text,
  ip text,
  prev_hash text not null,
  hash text not null
)
--;
create index audit_log_at_idx on audit_log (at)
--;
create index audit_log_entity_idx on audit_log (entity, entity_id)
--;
create index audit_log_actor_idx on audit_log (actor_id)
--;
create index audit_log_unit_idx on audit_log (unit_id)
--;
-- The log is append-only: the database itself refuses to change or remove a row.
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$
--;
create trigger audit_log_no_update_delete before update or delete on audit_log
  for each row execute function audit_log_refuse_change()
--;
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change()
