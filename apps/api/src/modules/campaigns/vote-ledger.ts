import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { recordAudit } from '../audit/audit.service.js';

/**
 * Votes in the audit trail. A submission must not wait for the audit chain's lock (thousands of
 * citizens answer at once), so responses are entered in the log in batches: each entry names its
 * batch and a SHA-256 over the content and answers of the responses in it, and `response_ledger`
 * records which responses each batch holds (responses commit out of id order, so a batch is a set,
 * not a range). Responses themselves are immutable (a trigger refuses UPDATE and DELETE);
 * exclusions are audited one by one.
 */

const SYSTEM = { actorId: null, actorName: 'system' };
const BATCH = 20_000;

/** Content digest of one batch's responses, answers included, in id order. */
export async function digestBatch(db: Queryable, batch: number): Promise<{ count: number; digest: string }> {
  const rows = await db.query<{ id: number; campaign_id: number; identity: string; respondent_class: string; receipt: string; submitted_at: Date; answers: unknown }>(
    `select r.id, r.campaign_id, r.identity, r.respondent_class, r.receipt, r.submitted_at,
            (select jsonb_agg(jsonb_build_array(a.unit_id, a.answer, a.reason) order by a.unit_id) from response_answers a where a.response_id = r.id) as answers
       from response_ledger l join responses r on r.id = l.response_id where l.batch = $1 order by r.id`,
    [batch],
  );
  const hash = createHash('sha256');
  for (const r of rows) hash.update(canonicalJson({ ...r, submitted_at: new Date(r.submitted_at).toISOString() })).update('\n');
  return { count: rows.length, digest: hash.digest('hex') };
}

/** Appends log entries for every response not yet in the log; returns how many it covered. */
export async function recordReceivedResponses(db: Database): Promise<number> {
  let covered = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // One writer at a time, so no response lands in two batches.
      await tx.query('select pg_advisory_xact_lock(73111)');
      const [next] = await tx.query<{ batch: number }>('select coalesce(max(batch), 0) + 1 as batch from response_ledger');
      const batch = next!.batch;
      const added = await tx.query<{ response_id: number }>(
        `insert into response_ledger (response_id, batch)
         select r.id, $1 from responses r where not exists (select 1 from response_ledger l where l.response_id = r.id) order by r.id limit $2
         returning response_id`,
        [batch, BATCH],
      );
      if (added.length === 0) return 0;
      const { count, digest } = await digestBatch(tx, batch);
      const ids = added.map((a) => a.response_id);
      await recordAudit(tx, SYSTEM, { action: 'responses.received', entity: 'responses', after: { batch, count, firstId: Math.min(...ids), lastId: Math.max(...ids), sha256: digest } });
      return count;
    });
    covered += n;
    if (n < BATCH) return covered;
  }
}

/** Enters new responses in the log every `everyMs`; returns a stop function. */
export function startVoteLedger(db: Database, log: (msg: string, extra?: object) => void, everyMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const n = await recordReceivedResponses(db);
      if (n) log('responses entered in the audit log', { responses: n });
    } catch (err) {
      log('entering responses in the audit log failed', { err: err instanceof Error ? err.message : String(err) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
