-- Display links of the leaders' big screen (大屏): a read-only token for the hall's PC that opens
-- /screen and its events and nothing else. Only the secret's SHA-256 is kept; revoking is for good.
create table screen_kiosks (
  id serial primary key,
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  created_by integer not null references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by integer references users (id),
  last_used_at timestamptz
)
