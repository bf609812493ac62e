import type { Queryable } from '../../db/database.js';
import { maskPhone } from './privacy.js';
import { insertOutboxMessage } from './sms-outbox.repository.js';

/** Sends a text message; a production deployment plugs in its carrier's gateway here. */
export interface SmsProvider {
  readonly name: string;
  send(db: Queryable, phone: string, body: string): Promise<void>;
}

/**
 * The built-in development provider sends nothing: it keeps an outbox the administrator can
 * read in the admin UI, with the number masked.
 */
export const outboxSmsProvider: SmsProvider = {
  name: 'outbox',
  async send(db, phone, body) {
    await insertOutboxMessage(db, maskPhone(phone), body);
  },
};
