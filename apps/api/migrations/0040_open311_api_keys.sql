-- Open311 API keys, issued by the administrator (kaoping open311-key issue) to the civic clients that
-- may file requests when OPEN311_API_KEYS=required. Only a SHA-256 digest of each key is kept.
create table open311_api_keys (
  id serial primary key,
  name text not null check (length(name) between 1 and 100),
  key_sha256 text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
)
