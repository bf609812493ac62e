-- Rate limits kept in the database, so that several app instances behind one PostgreSQL share them:
-- sign-in attempts per address and SMS codes per network. One row per counted event; a key's rows
-- older than its window are deleted as it is hit again, and stale keys by the hourly clean-up.
create table rate_limit_hits (
  id bigserial primary key,
  scope text not null,
  key text not null,
  at timestamptz not null
)
--;
create index rate_limit_hits_key on rate_limit_hits (scope, key, at)
