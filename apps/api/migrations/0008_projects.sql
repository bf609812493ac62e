-- Major projects (重大项目): the register, monthly reports by the responsible unit, and how the
-- rates are reckoned (DOMAIN.md §4). Amounts are in 万元.
create table project_settings (
  id integer primary key check (id = 1),
  -- 资金支付率 = funds paid ÷ this: completed investment, funds allocated, or the audited amount
  payment_basis text not null default 'completedInvestment' check (payment_basis in ('completedInvestment', 'allocated', 'audited')),
  -- 时序进度 by months elapsed ÷ 12, or by days elapsed ÷ days in the year
  progress_basis text not null default 'month' check (progress_basis in ('month', 'day')),
  updated_at timestamptz not null default now()
)
--;
insert into project_settings (id) values (1)
--;
create table projects (
  id serial primary key,
  code text not null unique,
  name text not null,
  category text not null check (category in ('central_budget', 'special_bond', 'key')),
  -- the year the annual plan is for
  year integer not null check (year between 2000 and 2100),
  unit_id integer not null references units (id),
  responsible_leader text not null,
  planned_start date not null,
  annual_plan numeric(16, 4) not null check (annual_plan >= 0),
  total_investment numeric(16, 4) not null check (total_investment >= 0),
  funds_allocated numeric(16, 4) not null check (funds_allocated >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
)
--;
create index projects_unit_idx on projects (unit_id, year)
--;
-- One report per project and month; the figures are cumulative for the year up to the month's end.
create table project_reports (
  id serial primary key,
  project_id integer not null references projects (id),
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  completed_investment numeric(16, 4) not null check (completed_investment >= 0),
  funds_in_place numeric(16, 4) not null check (funds_in_place >= 0),
  funds_paid numeric(16, 4) not null check (funds_paid >= 0),
  audited_amount numeric(16, 4) check (audited_amount >= 0),
  started boolean not null,
  started_on date,
  note text,
  reported_by integer references users (id),
  reported_by_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (started = (started_on is not null)),
  unique (project_id, month)
)
