-- Assessment (云绩效): scheme versions, their indicators and targets, reporting periods,
-- reported data with evidence and corrections, and stored score runs.
create table schemes (
  id serial primary key,
  code text not null,
  version integer not null,
  name text not null,
  year integer not null,
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  document jsonb not null,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_by integer references users (id),
  published_at timestamptz,
  unique (code, version)
)
--;
-- At most one draft of a scheme at a time: the next version is edited there until published.
create unique index schemes_one_draft_idx on schemes (code) where status = 'draft'
--;
create table indicators (
  id serial primary key,
  scheme_id integer not null references schemes (id),
  code text not null,
  parent_code text,
  level integer not null,
  sort_order integer not null,
  name text not null,
  points double precision not null,
  component text not null,
  groups jsonb not null,
  is_leaf boolean not null,
  unit_label text,
  direction text check (direction in ('higher', 'lower')),
  frequency text check (frequency in ('week', 'tenDay', 'month', 'quarter', 'year')),
  aggregate text check (aggregate in ('last', 'sum', 'avg')),
  data_source_unit_id integer references units (id),
  method jsonb,
  unique (scheme_id, code)
)
--;
create table indicator_targets (
  indicator_id integer not null references indicators (id),
  unit_id integer not null references units (id),
  target double precision not null,
  primary key (indicator_id, unit_id)
)
--;
create table periods (
  id serial primary key,
  scheme_id integer not null references schemes (id),
  frequency text not null check (frequency in ('week', 'tenDay', 'month', 'quarter', 'year')),
  key text not null,
  label text not null,
  start_date date not null,
  end_date date not null,
  status text not null default 'pending' check (status in ('pending', 'open', 'closed', 'locked')),
  unique (scheme_id, key)
)
--;
create table data_values (
  id serial primary key,
  indicator_id integer not null references indicators (id),
  unit_id integer not null references units (id),
  period_id integer not null references periods (id),
  value double precision,
  grade text,
  events jsonb,
  note text,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
  return_reason text,
  entered_by integer references users (id),
  entered_at timestamptz,
  submitted_by integer references users (id),
  submitted_at timestamptz,
  reviewed_by integer references users (id),
  reviewed_at timestamptz,
  unique (indicator_id, unit_id, period_id)
)
--;
create index data_values_unit_period_idx on data_values (unit_id, period_id)
--;
create index data_values_period_idx on data_values (period_id, status)
--;
create table evidence_files (
  id serial primary key,
  data_value_id integer not null references data_values (id),
  filename text not null,
  mime text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now(),
  removed_at timestamptz
)
--;
create table corrections (
  id serial primary key,
  data_value_id integer not null references data_values (id),
  new_value double precision,
  new_grade text,
  new_events jsonb,
  new_note text,
  reason text not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  requested_by integer references users (id),
  requested_at timestamptz not null default now(),
  decided_by integer references users (id),
  decided_at timestamptz,
  decision_note text
)
--;
create table score_runs (
  id serial primary key,
  scheme_id integer not null references schemes (id),
  scheme_version integer not null,
  as_of date not null,
  inputs_hash text not null,
  trigger text not null check (trigger in ('manual', 'schedule')),
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  duration_ms integer not null,
  unit_count integer not null
)
--;
create table unit_scores (
  run_id integer not null references score_runs (id),
  unit_id integer not null references units (id),
  group_code text not null,
  total double precision not null,
  components jsonb not null,
  bonus double precision not null,
  deductions double precision not null,
  rank integer not null,
  grade text not null,
  base_grade text not null,
  vetoed boolean not null,
  explanation jsonb not null,
  primary key (run_id, unit_id)
)
--;
create table indicator_scores (
  run_id integer not null references score_runs (id),
  unit_id integer not null references units (id),
  indicator_id integer not null references indicators (id),
  points double precision not null,
  actual double precision,
  target double precision,
  lag double precision,
  explanation jsonb not null,
  primary key (run_id, unit_id, indicator_id)
)
