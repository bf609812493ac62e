import type { Queryable } from '../db/database.js';

/** The events of one key inside its window, oldest first, after deleting the older ones; the key is locked for the transaction. */
export async function recentHits(tx: Queryable, scope: string, key: string, since: Date): Promise<Date[]> {
  await tx.query('select pg_advisory_xact_lock(73112, hashtext($1))', [`${scope}|${key}`]);
  await tx.query('delete from rate_limit_hits where scope = $1 and key = $2 and at <= $3', [scope, key, since]);
  const rows = await tx.query<{ at: Date }>('select at from rate_limit_hits where scope = $1 and key = $2 order by at', [scope, key]);
  return rows.map((r) => new Date(r.at));
}

export async function insertHit(tx: Queryable, scope: string, key: string, at: Date): Promise<void> {
  await tx.query('insert into rate_limit_hits (scope, key, at) values ($1, $2, $3)', [scope, key, at]);
}

/** Takes back the key's latest event. */
export async function deleteLatestHit(db: Queryable, scope: string, key: string): Promise<void> {
  await db.query(
    'delete from rate_limit_hits where id = (select id from rate_limit_hits where scope = $1 and key = $2 order by at desc, id desc limit 1)',
    [scope, key],
  );
}

/** Keys nobody has hit within `before`: their rows are of no use to any window any more. */
export async function deleteHitsBefore(db: Queryable, before: Date): Promise<void> {
  await db.query('delete from rate_limit_hits where at < $1', [before]);
}
