-- A province's campaign has millions of responses: what is read from them is worked out once and kept.
-- Fraud flags: the latest scan of a campaign and the flags it found, worded on read in the reader's
-- language. A scan is made when a campaign closes, on demand, and again on read once responses came
-- in after it (see campaigns.service).
create table campaign_flag_scans (
  campaign_id integer primary key references campaigns (id),
  scanned_at timestamptz not null default now(),
  responses integer not null,
  -- The newest response the scan saw: a later one makes the scan stale.
  last_submitted_at timestamptz,
  flagged integer not null
);
--;

create table campaign_flags (
  campaign_id integer not null references campaign_flag_scans (campaign_id) on delete cascade,
  seq integer not null,
  kind text not null,
  key text not null,
  from_at timestamptz not null,
  to_at timestamptz not null,
  response_ids integer[] not null,
  facts jsonb not null,
  primary key (campaign_id, seq)
);
--;
CREATE INDEX campaign_flags_kind_idx ON campaign_flags (campaign_id, kind, seq);
--;

-- A closed campaign's answers per unit, class and answer, with and without exclusions: they never
-- change once it closes, except when the office excludes or restores responses, which drops the
-- tally "with exclusions" to be counted again.
create table campaign_tallies (
  campaign_id integer not null references campaigns (id),
  apply_exclusions boolean not null,
  counts jsonb not null,
  excluded integer not null,
  counted_at timestamptz not null default now(),
  primary key (campaign_id, apply_exclusions)
);
--;

-- A closed campaign's participation and invitations used, kept at close.
create table campaign_closing_counts (
  campaign_id integer primary key references campaigns (id),
  participation jsonb not null,
  invitations jsonb not null,
  counted_at timestamptz not null default now()
);
--;

