import type { ApiTokenDto, Role } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { iso } from '../users/users.repository.js';

export interface TokenRow {
  id: number;
  name: string;
  token_hash: string;
  prefix: string;
  role: Role;
  unit_id: number | null;
  created_by: number;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export function toTokenDto(r: TokenRow): ApiTokenDto {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    unitId: r.unit_id,
    createdAt: iso(r.created_at) ?? '',
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  };
}

/** A usable token: not revoked, not expired, issued by an active user. */
export async function findLiveToken(db: Queryable, tokenHash: string): Promise<TokenRow | undefined> {
  const [row] = await db.query<TokenRow>(
    // A token dies with its issuer's account: deactivating the user stops their integrations too.
    `select t.* from api_tokens t join users u on u.id = t.created_by and u.active
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`,
    [tokenHash],
  );
  return row;
}

export async function touchToken(db: Queryable, id: number): Promise<void> {
  await db.query(`update api_tokens set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`, [id]);
}

export async function findTokens(db: Queryable): Promise<TokenRow[]> {
  return db.query<TokenRow>('select * from api_tokens order by id desc');
}

export async function findTokenById(db: Queryable, id: number): Promise<TokenRow | undefined> {
  const [row] = await db.query<TokenRow>('select * from api_tokens where id = $1', [id]);
  return row;
}

export async function insertToken(
  db: Queryable,
  t: { name: string; tokenHash: string; prefix: string; role: Role; unitId: number | null; createdBy: number; expiresAt: Date | null },
): Promise<TokenRow> {
  const [row] = await db.query<TokenRow>(
    `insert into api_tokens (name, token_hash, prefix, role, unit_id, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning *`,
    [t.name, t.tokenHash, t.prefix, t.role, t.unitId, t.createdBy, t.expiresAt?.toISOString() ?? null],
  );
  return row!;
}

export async function revokeToken(db: Queryable, id: number): Promise<void> {
  await db.query('update api_tokens set revoked_at = now() where id = $1 and revoked_at is null', [id]);
}
