import type { Queryable } from '../../db/database.js';

/** Until when sign-ins for `username` from `ip` are refused; null when they are not. */
export async function findLockedUntil(db: Queryable, username: string, ip: string): Promise<Date | null> {
  const [row] = await db.query<{ locked_until: Date }>('select locked_until from login_throttle where username = $1 and ip = $2 and locked_until > now()', [username, ip]);
  return row ? new Date(row.locked_until) : null;
}

/**
 * Counts one wrong password for (name, address) within the window (a new window starts after it
 * or after a lock) and locks the pair once `maxFailures` is reached; returns the lock's end if this
 * failure set one.
 */
export async function recordFailure(db: Queryable, username: string, ip: string, opts: { windowMinutes: number; maxFailures: number; lockMinutes: number }): Promise<Date | null> {
  const [row] = await db.query<{ failures: number }>(
    `insert into login_throttle (username, ip, failures, window_started_at) values ($1, $2, 1, now())
     on conflict (username, ip) do update set
       failures = case when login_throttle.locked_until is not null or login_throttle.window_started_at < now() - make_interval(mins => $3::int) then 1 else login_throttle.failures + 1 end,
       window_started_at = case when login_throttle.locked_until is not null or login_throttle.window_started_at < now() - make_interval(mins => $3::int) then now() else login_throttle.window_started_at end,
       locked_until = null
     returning failures`,
    [username, ip, opts.windowMinutes],
  );
  if (row!.failures < opts.maxFailures) return null;
  const [locked] = await db.query<{ locked_until: Date }>(
    `update login_throttle set locked_until = now() + make_interval(mins => $3::int), failures = 0 where username = $1 and ip = $2 returning locked_until`,
    [username, ip, opts.lockMinutes],
  );
  return new Date(locked!.locked_until);
}

/** A successful sign-in clears its own address's count for the name. */
export async function clearFailures(db: Queryable, username: string, ip: string): Promise<void> {
  await db.query('delete from login_throttle where username = $1 and ip = $2', [username, ip]);
}

/** An administrator's unlock: every address's count and lock for the name. */
export async function clearAllFailures(db: Queryable, username: string): Promise<void> {
  await db.query('delete from login_throttle where username = lower($1)', [username]);
}

/** Forgets counts and locks that ended a day ago, so names tried once do not pile up. */
export async function deleteStaleThrottles(db: Queryable): Promise<void> {
  await db.query(`delete from login_throttle where coalesce(locked_until, window_started_at) < now() - interval '1 day'`);
}
