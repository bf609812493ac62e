import type { Queryable } from '../db/database.js';
import { iso } from '../db/timestamps.js';

/**
 * Delivery to units with 签收: what a bulletin and a meeting's minutes share. A document issued to
 * units gets one receipt per unit (delivered, signed with time and signer, reminded how often), and
 * the heads and reporters of those units get an in-app inbox message at once.
 */
export interface ReceiptRow {
  unit_id: number;
  unit_code: string;
  unit_name: string;
  delivered_at: Date | string;
  signed_at: Date | string | null;
  signed_by_name: string | null;
  reminded_at: Date | string | null;
  reminders: number;
}

/** The receipt tables: (owner key, unit_id, delivered_at, signed_at, signed_by, reminded_at, reminders). */
const TABLES = { bulletin: ['bulletin_receipts', 'bulletin_id'], meeting: ['meeting_receipts', 'meeting_id'] } as const;
export type ReceiptOwner = keyof typeof TABLES;

export function unitReceipts(owner: ReceiptOwner) {
  const [table, key] = TABLES[owner];
  return {
    insert: async (db: Queryable, id: number, unitIds: number[], at: Date): Promise<void> => {
      await db.query(`insert into ${table} (${key}, unit_id, delivered_at) select $1, u, $3 from unnest($2::int[]) as u on conflict do nothing`, [id, unitIds, at]);
    },
    /** All units' receipts, or the one unit's; unsigned first. */
    find: (db: Queryable, id: number, unitId?: number) =>
      db.query<ReceiptRow>(
        `select r.unit_id, u.code as unit_code, u.name as unit_name, r.delivered_at, r.signed_at, su.display_name as signed_by_name, r.reminded_at, r.reminders
           from ${table} r join units u on u.id = r.unit_id left join users su on su.id = r.signed_by
          where r.${key} = $1 ${unitId === undefined ? '' : 'and r.unit_id = $2'}
          order by r.signed_at is not null, u.code`,
        unitId === undefined ? [id] : [id, unitId],
      ),
    /** Signs for the unit; false when it had signed already (or the document was not sent to it). */
    sign: async (db: Queryable, id: number, unitId: number, userId: number | null, at: Date): Promise<boolean> =>
      (await db.query(`update ${table} set signed_at = $3, signed_by = $4 where ${key} = $1 and unit_id = $2 and signed_at is null returning unit_id`, [id, unitId, at, userId])).length > 0,
    markReminded: async (db: Queryable, id: number, unitIds: number[], at: Date): Promise<void> => {
      await db.query(`update ${table} set reminded_at = $3, reminders = reminders + 1 where ${key} = $1 and unit_id = any($2::int[])`, [id, unitIds, at]);
    },
  };
}

/** The in-app inbox message to the active heads and reporters of the units, in the caller's transaction. */
export async function notifyUnitInboxes(db: Queryable, unitIds: number[], kind: string, msg: { title: string; body: string }, bulletinId: number | null = null): Promise<void> {
  await db.query(
    `insert into inbox_items (user_id, kind, title, body, bulletin_id) select id, $2, $3, $4, $5 from users where active and role in ('head', 'reporter') and unit_id = any($1::int[])`,
    [unitIds, kind, msg.title, msg.body, bulletinId],
  );
}


/** A receipt as the API returns it (unitReceiptSchema). */
export const receiptDto = (r: ReceiptRow) => ({
  unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
  deliveredAt: iso(r.delivered_at)!,
  signedAt: iso(r.signed_at),
  signedBy: r.signed_by_name,
  remindedAt: iso(r.reminded_at),
  reminders: r.reminders,
});
