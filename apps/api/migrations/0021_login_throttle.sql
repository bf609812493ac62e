-- Sign-in throttling per (name, address). Wrong passwords for one name from one address lock that
-- address out of that name for a while; the account itself is never locked, so nobody can lock its
-- owner out by guessing from elsewhere. Names are kept as typed (lower-cased) whether or not such an
-- account exists, so the answers never tell the two apart.
create table login_throttle (
  username text not null,
  ip text not null,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz,
  primary key (username, ip)
)
--;
-- The account-wide counter and lock they replace.
alter table users drop column failed_logins
--;
alter table users drop column locked_until
