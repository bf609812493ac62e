-- Bulletins (通报): series with their number pattern, addressees and signer; bulletins built from live
-- data as of a date, their figures frozen as JSON when the draft is built; the units' receipts (签收).

create table bulletin_series (
  id serial primary key,
  code text not null unique,
  name text not null,
  -- 'ten_day' series get a draft built by the schedule after each 旬 ends.
  kind text not null check (kind in ('ten_day', 'supervision', 'special')),
  -- 发文字号 = prefix〔year〕seq号, the sequence counted per series and year.
  number_prefix text not null,
  issuer text not null,
  -- The role that drafts and issues this series' bulletins (the performance or the supervision office).
  office_role text not null check (office_role in ('office', 'supervisor')),
  -- 主送: the units that receive and sign for every bulletin, and how the 主送 line reads.
  recipients integer[] not null default '{}',
  addressee_text text not null default '',
  -- 抄送: bodies named on the 版记.
  copy_to text[] not null default '{}',
  signer_id integer references users (id),
  sections text[] not null,
  active boolean not null default true,
  created_at timestamptz not null default now()
)
--;
create table bulletins (
  id serial primary key,
  series_id integer not null references bulletin_series (id),
  year integer not null,
  seq integer,
  doc_number text,
  title text not null,
  -- 2021年11月中旬, or a subject for an on-demand bulletin.
  period_label text not null default '',
  as_of date not null,
  status text not null default 'draft' check (status in ('draft', 'approved', 'issued')),
  sections jsonb not null,
  overview text not null default '',
  requirements text not null default '',
  snapshot jsonb,
  built_at timestamptz,
  changes jsonb not null default '[]',
  mentions integer[] not null default '{}',
  recipients integer[] not null,
  addressee_text text not null default '',
  copy_to text[] not null default '{}',
  signer_id integer references users (id),
  created_by integer references users (id),
  approved_by integer references users (id),
  approved_at timestamptz,
  issued_by integer references users (id),
  issued_at timestamptz,
  issue_date date,
  -- The schedule's draft of a series' 旬 is built once.
  auto_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (series_id, year, seq),
  unique (series_id, auto_key),
  check ((status = 'issued') = (seq is not null and doc_number is not null and issued_at is not null))
)
--;
create index bulletins_series_idx on bulletins (series_id, as_of desc)
--;
create index bulletins_mentions_idx on bulletins using gin (mentions)
--;
create table bulletin_receipts (
  bulletin_id integer not null references bulletins (id),
  unit_id integer not null references units (id),
  delivered_at timestamptz not null,
  signed_at timestamptz,
  signed_by integer references users (id),
  reminded_at timestamptz,
  reminders integer not null default 0,
  primary key (bulletin_id, unit_id)
)
--;
create index bulletin_receipts_unit_idx on bulletin_receipts (unit_id) where signed_at is null
--;
-- Bulletins go out through the reminder queue too (inbox, email, SMS): a job is a task's or a bulletin's.
alter table reminder_jobs alter column task_id drop not null
--;
alter table reminder_jobs add column bulletin_id integer references bulletins (id)
--;
alter table reminder_jobs drop constraint reminder_jobs_kind_check
--;
alter table reminder_jobs add constraint reminder_jobs_kind_check
  check (kind in ('approaching', 'overdue', 'escalation_head', 'escalation_office', 'bulletin_issued', 'bulletin_unsigned'))
--;
alter table reminder_jobs add constraint reminder_jobs_owner_check check ((task_id is null) <> (bulletin_id is null))
--;
create unique index reminder_jobs_bulletin_once on reminder_jobs (bulletin_id, kind, due_date, recipient, channel) where bulletin_id is not null
--;
alter table inbox_items add column bulletin_id integer references bulletins (id)
