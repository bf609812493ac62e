import type { Queryable } from '../../db/database.js';

/** The responses of one batch of the vote ledger, answers included, in id order (what its digest covers). */
export const findBatchResponses = (db: Queryable, batch: number) =>
  db.query<{ id: number; campaign_id: number; identity: string; respondent_class: string; receipt: string; submitted_at: Date; answers: unknown }>(
    `select r.id, r.campaign_id, r.identity, r.respondent_class, r.receipt, r.submitted_at,
            (select jsonb_agg(jsonb_build_array(a.unit_id, a.answer, a.reason) order by a.unit_id) from response_answers a where a.response_id = r.id) as answers
       from response_ledger l join responses r on r.id = l.response_id where l.batch = $1 order by r.id`,
    [batch],
  );

/** Holds the ledger's writer lock until the transaction ends. */
export async function lockLedger(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(73111)');
}

export async function nextBatch(tx: Queryable): Promise<number> {
  const [next] = await tx.query<{ batch: number }>('select coalesce(max(batch), 0) + 1 as batch from response_ledger');
  return next!.batch;
}

/** Puts up to `limit` responses not yet in the ledger into `batch`, oldest first. */
export const addUnloggedResponses = (tx: Queryable, batch: number, limit: number) =>
  tx.query<{ response_id: number }>(
    `insert into response_ledger (response_id, batch)
     select r.id, $1 from responses r where not exists (select 1 from response_ledger l where l.response_id = r.id) order by r.id limit $2
     returning response_id`,
    [batch, limit],
  );
