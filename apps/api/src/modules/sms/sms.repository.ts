import type { Queryable } from '../../db/database.js';

/** The development provider's outbox: what would have been sent, the number masked. */
export async function insertOutboxMessage(db: Queryable, phoneMasked: string, body: string): Promise<void> {
  await db.query('insert into sms_outbox (phone_masked, body) values ($1, $2)', [phoneMasked, body]);
}
