-- Public evaluation (公众评估): campaigns with their units, public cards and questionnaire;
-- invitations, SMS codes and the responses citizens submit; exclusions made in fraud review.
create table campaigns (
  id serial primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{2,39}$'),
  name text not null,
  year integer not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  modes jsonb not null,
  questionnaire jsonb not null,
  rule jsonb not null,
  scheme_code text,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  opened_at timestamptz,
  closed_at timestamptz,
  check (ends_at > starts_at)
)
--;
create table campaign_units (
  campaign_id integer not null references campaigns (id),
  unit_id integer not null references units (id),
  sort_order integer not null,
  duties text not null default '',
  highlights text not null default '',
  primary key (campaign_id, unit_id)
)
--;
-- Invitation links are shown once; only the hash of the token is kept.
create table invitations (
  id serial primary key,
  campaign_id integer not null references campaigns (id),
  token_hash text not null unique,
  batch text not null,
  created_at timestamptz not null default now()
)
--;
create index invitations_campaign_idx on invitations (campaign_id, batch)
--;
-- One-time SMS codes: the phone is kept only as a keyed hash, the code only as a hash.
create table sms_codes (
  id serial primary key,
  campaign_id integer not null references campaigns (id),
  phone_hash text not null,
  code_hash text not null,
  expires_at timestamptz not null,
  attempts integer not null default 0,
  used_at timestamptz,
  created_at timestamptz not null default now()
)
--;
create index sms_codes_phone_idx on sms_codes (campaign_id, phone_hash, created_at)
--;
-- What the built-in development SMS provider "sent"; production providers send instead.
create table sms_outbox (
  id serial primary key,
  phone_masked text not null,
  body text not null,
  created_at timestamptz not null default now()
)
--;
-- One response per verified identity per campaign (the unique constraint is the guarantee).
-- identity is 'inv:<invitation id>', 'phone:<keyed hash>' or 'device:<keyed hash>'.
create table responses (
  id serial primary key,
  campaign_id integer not null references campaigns (id),
  identity text not null,
  respondent_class text not null check (respondent_class in ('invited', 'open')),
  submission_key text not null,
  receipt text not null unique,
  answer_vector text not null,
  ip_prefix text,
  device_hash text,
  phone_prefix text,
  started_at timestamptz,
  submitted_at timestamptz not null default now(),
  extra jsonb,
  unique (campaign_id, identity)
)
--;
create index responses_campaign_time_idx on responses (campaign_id, submitted_at)
--;
create table response_answers (
  response_id integer not null references responses (id),
  unit_id integer not null references units (id),
  answer text not null check (answer in ('satisfied', 'basicallySatisfied', 'dissatisfied', 'unaware')),
  reason text,
  primary key (response_id, unit_id)
)
--;
-- Citizens' suggestions: from a questionnaire (with its response) or filed through Open311.
-- Units see the text, never who wrote it.
create table suggestions (
  id serial primary key,
  source text not null check (source in ('campaign', 'open311')),
  response_id integer references responses (id),
  campaign_id integer references campaigns (id),
  unit_id integer not null references units (id),
  body text not null,
  -- Open311 requests carry their own ticket; questionnaire suggestions share their response's receipt.
  ticket text unique,
  address text,
  lat double precision,
  long double precision,
  category text check (category in ('clear', 'vague', 'duplicate', 'praise', 'abusive')),
  duplicate_of integer references suggestions (id),
  status text not null default 'new' check (status in ('new', 'sorted', 'forwarded', 'replied', 'accepted', 'returned')),
  notice_no text,
  deadline date,
  forwarded_at timestamptz,
  reply text,
  replied_at timestamptz,
  review_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((source = 'campaign') = (response_id is not null)),
  check (source = 'campaign' or ticket is not null)
)
--;
create index suggestions_campaign_idx on suggestions (campaign_id, status)
--;
create index suggestions_unit_idx on suggestions (unit_id, status)
--;
-- The current exclusion state of a response; every change is also in the audit log with its reason.
create table response_exclusions (
  response_id integer primary key references responses (id),
  reason text not null,
  flag text,
  excluded_by integer references users (id),
  excluded_at timestamptz not null default now()
)
--;
-- A submitted response is a vote: it is never changed or removed (exclusion is recorded beside it).
create function responses_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'responses are immutable' using errcode = '55000';
end
$$
--;
create trigger responses_no_update before update or delete on responses for each row execute function responses_immutable()
--;
create trigger response_answers_no_update before update or delete on response_answers for each row execute function responses_immutable()
--;
-- The key for hashing phone numbers and devices, made once per installation unless PRIVACY_KEY is set.
create table app_secrets (
  name text primary key,
  value text not null
)
--;
insert into app_secrets (name, value) values ('privacy_key', encode(sha256(random()::text::bytea || clock_timestamp()::text::bytea), 'hex'))
