import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { findAuditBatch, insertAuditRow, lockChainHead, type AuditRow } from './audit.repository.js';

/** Who is acting, carried from the request into every audited write. */
export interface AuditContext {
  actorId: number | null;
  actorName: string;
  /** The API token the actor used, if any: a write made with a token names it. */
  tokenId?: number | null;
  requestId?: string | null;
  ip?: string | null;
}

export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The hash covers every column but the hash itself, so changing any of them breaks the chain. The
 * token column came later: it is hashed only where set, so entries made before it still verify.
 */
export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  const body = canonicalJson({
    ...(row.token_id === null || row.token_id === undefined ? {} : { tokenId: row.token_id }),
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    unitId: row.unit_id,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
    ip: row.ip,
  });
  return createHash('sha256').update(row.prev_hash).update('\n').update(body).digest('hex');
}

/** Appends one entry to the hash-chained log inside the caller's transaction, so it lands with the change. */
export async function recordAudit(tx: Queryable, ctx: AuditContext, ev: AuditEvent): Promise<void> {
  const { nextId, prevHash } = await lockChainHead(tx);
  // Round-trip through JSON so the hash is computed over exactly what jsonb will give back.
  const norm = (v: unknown) => (v === undefined || v === null ? null : (JSON.parse(JSON.stringify(v)) as unknown));
  const row: Omit<AuditRow, 'hash'> = {
    id: nextId,
    at: new Date(),
    actor_id: ctx.actorId,
    actor_name: ctx.actorName,
    token_id: ctx.tokenId ?? null,
    action: ev.action,
    entity: ev.entity,
    entity_id: ev.entityId === undefined || ev.entityId === null ? null : String(ev.entityId),
    unit_id: ev.unitId ?? null,
    before: norm(ev.before),
    after: norm(ev.after),
    request_id: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    prev_hash: prevHash,
  };
  await insertAuditRow(tx, { ...row, hash: hashAuditRow(row) });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; reason: string };
}

/** Walks the whole chain and reports the first entry whose link or content does not match. */
export async function verifyAuditChain(db: Queryable): Promise<VerifyResult> {
  let prevHash = '';
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const batch = await findAuditBatch(db, lastId, 1000);
    if (batch.length === 0) return { ok: true, checked };
    for (const row of batch) {
      if (row.id !== lastId + 1) {
        return { ok: false, checked, firstBroken: { id: row.id, reason: `entry ${lastId + 1} is missing` } };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBroken: { id: row.id, reason: 'link to the previous entry does not match' } };
      }
      if (hashAuditRow(row) !== row.hash) {
        return { ok: false, checked, firstBroken: { id: row.id, reason: 'content does not match its hash' } };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
