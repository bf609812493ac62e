-- Review meetings (点评会): the meeting, the leaders attending, the presenters in order with their
-- minutes and the material frozen for them, and the comments and commitments recorded per presenter.
create table meetings (
  id serial primary key,
  kind text not null check (kind in ('development', 'industry_chain', 'topic')),
  title text not null,
  held_on date not null,
  venue text not null default '',
  video_note text not null default '',
  -- The date the material is assembled as of.
  material_as_of date not null,
  status text not null default 'draft' check (status in ('draft', 'prepared', 'held')),
  prepared_at timestamptz,
  minutes_no text unique,
  minutes_issued_at timestamptz,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
)
--;
create index meetings_held_idx on meetings (held_on, id)
--;
create table meeting_leaders (
  meeting_id integer not null references meetings (id) on delete cascade,
  user_id integer not null references users (id),
  position integer not null,
  primary key (meeting_id, user_id)
)
--;
create table meeting_presenters (
  id serial primary key,
  meeting_id integer not null references meetings (id) on delete cascade,
  unit_id integer not null references units (id),
  position integer not null,
  minutes integer not null check (minutes between 1 and 120),
  -- The presenter's main points (汇报要点) as the minutes quote them.
  main_points text not null default '',
  -- The material as of the meeting's date, frozen when the meeting is prepared (JSON, see packages/shared/src/meetings.ts).
  material jsonb,
  unique (meeting_id, unit_id)
)
--;
create table meeting_comments (
  id serial primary key,
  meeting_id integer not null references meetings (id) on delete cascade,
  presenter_id integer not null references meeting_presenters (id) on delete cascade,
  -- 点评意见 by a leader, or 表态承诺 by the presenter.
  kind text not null check (kind in ('comment', 'commitment')),
  leader_user_id integer references users (id),
  speaker text not null,
  body text not null,
  created_by integer references users (id),
  created_at timestamptz not null default now()
)
--;
create index meeting_comments_meeting_idx on meeting_comments (meeting_id, presenter_id, id)
