import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { recordAudit } from '../audit/audit.service.js';
import * as ledger from './vote-ledger.repository.js';

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
  const rows = await ledger.findBatchResponses(db, batch);
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
      await ledger.lockLedger(tx);
      const batch = await ledger.nextBatch(tx);
      const added = await ledger.addUnloggedResponses(tx, batch, BATCH);
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
