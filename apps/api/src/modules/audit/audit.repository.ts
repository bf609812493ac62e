import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string;
  /** Set on entries written with an API token (absent on rows read from before the column existed in tests' fixtures). */
  token_id?: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

// Held for the rest of the writing transaction so that appends form one chain in id order.
const AUDIT_CHAIN_LOCK = 731_946_202;

/** Locks the chain and returns the id and hash the next entry links to. */
export async function lockChainHead(tx: Queryable): Promise<{ nextId: number; prevHash: string }> {
  await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [last] = await tx.query<{ id: number; hash: string }>('select id, hash from audit_log order by id desc limit 1');
  return { nextId: (last?.id ?? 0) + 1, prevHash: last?.hash ?? '' };
}

export async function insertAuditRow(tx: Queryable, row: AuditRow): Promise<void> {
  await tx.query(
    `insert into audit_log (id, at, actor_id, actor_name, action, entity, entity_id, unit_id, before, after, request_id, ip, prev_hash, hash, token_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14, $15)`,
    [
      row.id,
      row.at.toISOString(),
      row.actor_id,
      row.actor_name,
      row.action,
      row.entity,
      row.entity_id,
      row.unit_id,
      row.before === null || row.before === undefined ? null : JSON.stringify(row.before),
      row.after === null || row.after === undefined ? null : JSON.stringify(row.after),
      row.request_id,
      row.ip,
      row.prev_hash,
      row.hash,
      row.token_id ?? null,
    ],
  );
}

export interface AuditFilter {
  userId?: number;
  tokenId?: number;
  unitId?: number;
  entity?: string;
  action?: string;
  from?: string;
  to?: string;
}

function where(f: AuditFilter): SqlWhere {
  return new SqlWhere()
    .add('actor_id = ?', f.userId)
    .add('token_id = ?', f.tokenId)
    .add('unit_id = ?', f.unitId)
    .add('entity = ?', f.entity)
    .add('action = ?', f.action)
    .add('at >= ?::timestamptz', f.from)
    .add('at <= ?::timestamptz', f.to);
}

export async function findAuditRows(
  db: Queryable,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const w = where(f);
  const [count] = await db.query<{ n: number }>(`select count(*)::int as n from audit_log ${w.sql}`, w.params);
  const rows = await db.query<AuditRow>(
    `select * from audit_log ${w.sql} order by id desc limit ${page.limit} offset ${page.offset}`,
    w.params,
  );
  return { rows, total: count?.n ?? 0 };
}

/** Reads the chain in order, a batch at a time, for verification. */
export async function findAuditBatch(db: Queryable, afterId: number, limit: number): Promise<AuditRow[]> {
  return db.query<AuditRow>('select * from audit_log where id > $1 order by id limit $2', [afterId, limit]);
}
