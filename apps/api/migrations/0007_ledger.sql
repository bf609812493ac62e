-- Supervision (云督查): the problem ledger (挂账销号) and undercover inspections (暗访督查).
-- Files (rectification evidence, inspection photos and videos, thumbnails) are stored once by
-- their SHA-256; the rows that use them keep their own name and who uploaded them.
create table stored_files (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  mime text not null,
  size integer not null check (size > 0),
  content bytea not null,
  created_at timestamptz not null default now()
)
--;
create table inspections (
  id serial primary key,
  inspected_on date not null,
  place text not null,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  inspector text not null,
  notes text not null default '',
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  check ((latitude is null) = (longitude is null))
)
--;
create table inspection_findings (
  id serial primary key,
  inspection_id integer not null references inspections (id),
  title text not null,
  description text not null default '',
  -- The unit the finding points at, when the inspector knows it; the problem names it for good.
  unit_id integer references units (id),
  place text not null default '',
  -- WGS-84, as phones record it.
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  observed_at timestamptz,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  check ((latitude is null) = (longitude is null))
)
--;
create index inspection_findings_inspection_idx on inspection_findings (inspection_id, id)
--;
-- A photo or video of a finding, with the time and place read from the file (or, failing that,
-- sent by the phone) and where each came from.
create table inspection_media (
  id serial primary key,
  finding_id integer not null references inspection_findings (id),
  kind text not null check (kind in ('image', 'video')),
  filename text not null,
  mime text not null,
  size integer not null,
  sha256 text not null references stored_files (sha256),
  thumbnail_sha256 text references stored_files (sha256),
  width integer,
  height integer,
  taken_at timestamptz,
  taken_at_source text check (taken_at_source in ('file', 'client')),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  location_source text check (location_source in ('file', 'client')),
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now(),
  check ((latitude is null) = (longitude is null))
)
--;
create index inspection_media_finding_idx on inspection_media (finding_id, id)
--;
create table problems (
  id serial primary key,
  title text not null,
  description text not null default '',
  source text not null check (source in ('inspection', 'assessment', 'audit')),
  -- What it came from: an inspection finding (one problem each), a scheme's indicator, an audit report.
  finding_id integer unique references inspection_findings (id),
  scheme_id integer references schemes (id),
  indicator_id integer references indicators (id),
  audit_ref text,
  place text not null default '',
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  unit_id integer not null references units (id),
  responsible_leader text not null,
  start_date date not null,
  deadline date not null check (deadline >= start_date),
  status text not null default 'open' check (status in ('open', 'rectifying', 'submitted', 'closed')),
  returned boolean not null default false,
  last_action_at timestamptz,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  check ((latitude is null) = (longitude is null))
)
--;
create index problems_unit_idx on problems (unit_id, status)
--;
-- The rectification checklist (清单式): one row per requirement, reported done by the unit.
create table problem_requirements (
  id serial primary key,
  problem_id integer not null references problems (id),
  position integer not null,
  text text not null,
  done boolean not null default false,
  report text,
  reported_at timestamptz,
  unique (problem_id, position)
)
--;
create table problem_evidence (
  id serial primary key,
  problem_id integer not null references problems (id),
  requirement_id integer not null references problem_requirements (id),
  filename text not null,
  mime text not null,
  size integer not null,
  sha256 text not null references stored_files (sha256),
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now()
)
--;
create index problem_evidence_requirement_idx on problem_evidence (requirement_id, id)
--;
-- Every step of a problem (report, submit, close, return, reopen) with who, when and why.
create table problem_events (
  id serial primary key,
  problem_id integer not null references problems (id),
  action text not null,
  from_status text not null,
  to_status text not null,
  requirement_id integer references problem_requirements (id),
  actor_id integer references users (id),
  actor_name text not null,
  unit_id integer references units (id),
  note text,
  created_at timestamptz not null default now()
)
--;
create index problem_events_problem_idx on problem_events (problem_id, id)
