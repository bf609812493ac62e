import type { Queryable } from '../../db/database.js';
import type { LightRules } from './lights.js';

/** The light rules the supervision office set (supervision_settings, one row). */
export async function findLightRules(db: Queryable): Promise<LightRules> {
  const [s] = await db.query<{ blue_days: number; lag_tolerance: number; grace_days: number }>('select blue_days, lag_tolerance, grace_days from supervision_settings where id = 1');
  return { blueDays: s!.blue_days, lagTolerance: s!.lag_tolerance, graceDays: s!.grace_days };
}
