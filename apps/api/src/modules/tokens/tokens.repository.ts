import type { ApiTokenDto, Role, TokenScope } from '@kaoping/shared';
import type { Queryable } from '../../db/database.js';
import { iso } from '../../db/timestamps.js';

export interface TokenRow {
  id: number;
  name: string;
  token_hash: string;
  prefix: string;
  role: Role;
  scope: TokenScope;
  unit_id: number | null;
  created_by: number;
  /** The issuer's username (joined). */
  issuer: string;
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
    scope: r.scope,
    issuer: r.issuer,
    unitId: r.unit_id,
    createdAt: iso(r.created_at) ?? '',
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  };
}

/** A token with what its issuer is now, so each use can be held to the issuer's current rights. */
export interface LiveTokenRow extends TokenRow {
  issuer_role: Role;
  issuer_unit_id: number | null;
}

const SELECT = 'select t.*, u.username as issuer from api_tokens t join users u on u.id = t.created_by';

/** A token that is not revoked or expired and whose issuer is still active. */
export async function findLiveToken(db: Queryable, tokenHash: string): Promise<LiveTokenRow | undefined> {
  const [row] = await db.query<LiveTokenRow>(
    `select t.*, u.username as issuer, u.role as issuer_role, u.unit_id as issuer_unit_id
       from api_tokens t join users u on u.id = t.created_by and u.active
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())`,
    [tokenHash],
  );
  return row;
}

export async function touchToken(db: Queryable, id: number): Promise<void> {
  await db.query(`update api_tokens set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`, [id]);
}

export async function findTokens(db: Queryable): Promise<TokenRow[]> {
  return db.query<TokenRow>(`${SELECT} order by t.id desc`);
}

export async function findTokenById(db: Queryable, id: number): Promise<TokenRow | undefined> {
  const [row] = await db.query<TokenRow>(`${SELECT} where t.id = $1`, [id]);
  return row;
}

export async function insertToken(
  db: Queryable,
  t: { name: string; tokenHash: string; prefix: string; role: Role; scope: TokenScope; unitId: number | null; createdBy: number; expiresAt: Date | null },
): Promise<TokenRow> {
  const [row] = await db.query<{ id: number }>(
    `insert into api_tokens (name, token_hash, prefix, role, scope, unit_id, created_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [t.name, t.tokenHash, t.prefix, t.role, t.scope, t.unitId, t.createdBy, t.expiresAt?.toISOString() ?? null],
  );
  return (await findTokenById(db, row!.id))!;
}

export async function revokeToken(db: Queryable, id: number): Promise<void> {
  await db.query('update api_tokens set revoked_at = now() where id = $1 and revoked_at is null', [id]);
}

/** Revokes every live token an account issued (when it is deactivated); returns their ids. */
export async function revokeTokensIssuedBy(db: Queryable, userId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>('update api_tokens set revoked_at = now() where created_by = $1 and revoked_at is null returning id', [userId]);
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
