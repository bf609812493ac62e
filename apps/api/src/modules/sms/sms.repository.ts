import type { Queryable } from '../../db/database.js';

/** The development provider's outbox: what would have been sent, the number masked. */
export async function insertOutboxMessage(db: Queryable, phoneMasked: string, body: string): Promise<void> {
  await db.query('insert into sms_outbox (phone_masked, body) values ($1, $2)', [phoneMasked, body]);
}

/** The newest 200 messages of the outbox, for the administrator. */
export const listOutboxMessages = (db: Queryable) =>
  db.query<{ id: number; phone_masked: string; body: string; created_at: Date }>('select id, phone_masked, body, created_at from sms_outbox order by id desc limit 200');
