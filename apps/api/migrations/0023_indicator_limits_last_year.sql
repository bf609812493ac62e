-- What a unit may report for a leaf: the range and decimals its scheme declares (null: the defaults
-- for its unit of measure, see valueLimits in packages/shared).
alter table indicators add column value_min double precision
--;
alter table indicators add column value_max double precision
--;
alter table indicators add column value_decimals smallint check (value_decimals between 0 and 6)
--;
-- Last year's value of a leaf per unit, read by formulas as `lastYear`: given by the scheme (part of
-- the published version, never changed) or entered by the indicator's data-source unit.
create table indicator_last_year (
  indicator_id integer not null references indicators (id),
  unit_id integer not null references units (id),
  value double precision not null,
  source text not null check (source in ('scheme', 'entered')),
  updated_by integer references users (id),
  updated_at timestamptz not null default now(),
  primary key (indicator_id, unit_id)
)
--;
-- A scheduled score run that met data it could not score: kept once per scheme, date and trigger,
-- so the office is told once and the run list can show it.
create table score_run_failures (
  id serial primary key,
  scheme_id integer not null references schemes (id),
  as_of date not null,
  trigger text not null check (trigger in ('manual', 'schedule')),
  problems jsonb not null,
  created_at timestamptz not null default now(),
  unique (scheme_id, as_of, trigger)
)
