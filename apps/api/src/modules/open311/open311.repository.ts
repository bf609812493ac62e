import type { Queryable } from '../../db/database.js';
import { SqlWhere } from '../../lib/sql-where.js';
import type { SuggestionRow } from '../suggestions/suggestions.repository.js';

/** The SQL of the Open311 view of units (services) and suggestions (service requests), and of its API keys. */

export interface ServiceRow {
  code: string;
  name: string;
  group_name: string;
}

const SERVICES = 'select u.code, u.name, g.name as group_name from units u join unit_groups g on g.id = u.group_id where u.active';

export const listServices = (db: Queryable) => db.query<ServiceRow>(`${SERVICES} order by g.sort_order, u.code`);

export async function findService(db: Queryable, code: string): Promise<ServiceRow | undefined> {
  const [row] = await db.query<ServiceRow>(`${SERVICES} and u.code = $1`, [code]);
  return row;
}

export interface RequestRow {
  id: number;
  unit_code: string;
  unit_name: string;
  body: string;
  category: string | null;
  status: SuggestionRow['status'];
  reply: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  deadline: string | null;
  created_at: Date;
  updated_at: Date;
}

// Abusive texts are never public, not even as a bare entry.
const SELECT = `select s.id, u.code as unit_code, u.name as unit_name, s.body, s.category, s.status, s.reply, s.address, s.lat, s.long,
  to_char(s.deadline, 'YYYY-MM-DD') as deadline, s.created_at, s.updated_at
  from suggestions s join units u on u.id = s.unit_id where (s.category is null or s.category <> 'abusive')`;

export interface RequestFilter {
  ids?: number[];
  serviceCode?: string;
  start?: string;
  end?: string;
}

/** Newest first, at most 1000. */
export function listRequests(db: Queryable, f: RequestFilter): Promise<RequestRow[]> {
  const w = new SqlWhere()
    .add('s.id = any(?::int[])', f.ids)
    .add('u.code = ?', f.serviceCode)
    .add('s.created_at >= ?::timestamptz', f.start)
    .add('s.created_at <= ?::timestamptz', f.end);
  return db.query<RequestRow>(`${SELECT}${w.andSql} order by s.created_at desc, s.id desc limit 1000`, w.params);
}

export async function findRequest(db: Queryable, id: number): Promise<RequestRow | undefined> {
  const [row] = await db.query<RequestRow>(`${SELECT} and s.id = $1`, [id]);
  return row;
}

/** The Open311 request a ticket was issued for. */
export async function findRequestIdByToken(db: Queryable, token: string): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>(`select id from suggestions where source = 'open311' and ticket = $1 and (category is null or category <> 'abusive')`, [token]);
  return row?.id;
}

export async function findActiveUnitId(db: Queryable, code: string): Promise<number | undefined> {
  const [unit] = await db.query<{ id: number }>('select id from units where code = $1 and active', [code]);
  return unit?.id;
}

export async function insertRequest(
  db: Queryable,
  r: { unitId: number; body: string; ticket: string; address: string | null; lat: number | null; long: number | null },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `insert into suggestions (source, unit_id, body, ticket, address, lat, long) values ('open311', $1, $2, $3, $4, $5, $6) returning id`,
    [r.unitId, r.body, r.ticket, r.address, r.lat, r.long],
  );
  return row!.id;
}

// ---- API keys ----

export interface ApiKeyRow {
  id: number;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export async function insertApiKey(db: Queryable, name: string, sha256: string): Promise<ApiKeyRow> {
  const [row] = await db.query<ApiKeyRow>(
    'insert into open311_api_keys (name, key_sha256) values ($1, $2) returning id, name, created_at, revoked_at, last_used_at',
    [name, sha256],
  );
  return row!;
}

export const listApiKeys = (db: Queryable) =>
  db.query<ApiKeyRow>('select id, name, created_at, revoked_at, last_used_at from open311_api_keys order by id');

/** Revokes a key; false when there is no such key or it was revoked already. */
export async function revokeApiKey(db: Queryable, id: number): Promise<ApiKeyRow | undefined> {
  const [row] = await db.query<ApiKeyRow>(
    'update open311_api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id, name, created_at, revoked_at, last_used_at',
    [id],
  );
  return row;
}

/** The live key with this digest, marked as used now; undefined when none is (never issued or revoked). */
export async function useApiKey(db: Queryable, sha256: string): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db.query<{ id: number; name: string }>(
    'update open311_api_keys set last_used_at = now() where key_sha256 = $1 and revoked_at is null returning id, name',
    [sha256],
  );
  return row;
}
