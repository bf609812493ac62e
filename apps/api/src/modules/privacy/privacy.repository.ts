import type { Queryable } from '../../db/database.js';

/** The installation's own privacy key, made at migration (used when PRIVACY_KEY is not set). */
export async function findPrivacyKey(db: Queryable): Promise<string | undefined> {
  const [row] = await db.query<{ value: string }>(`select value from app_secrets where name = 'privacy_key'`);
  return row?.value;
}
