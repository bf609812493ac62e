import { isUnitRole, type ApiTokenDto, type Role, type TokenScope } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import type { Principal } from '../../lib/principal.js';
import { randomSecret, sha256 } from '../../lib/tokens.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { findUnitById } from '../units/units.repository.js';
import { issuerCovers, mintedBySession } from './tokens.policy.js';
import * as repo from './tokens.repository.js';

export async function listTokens(db: Database): Promise<ApiTokenDto[]> {
  return (await repo.findTokens(db)).map(repo.toTokenDto);
}

/** Issues a token; the secret is returned once and only its hash is kept. */
export async function createToken(
  db: Database,
  p: Principal,
  input: { name: string; role: Role; scope: TokenScope; unitId?: number | null; expiresInDays?: number | null },
  ctx: AuditContext,
): Promise<{ token: string; item: ApiTokenDto }> {
  if (!mintedBySession(p) || p.userId === null) {
    throw new AppError('FORBIDDEN', '只有登录的用户可以签发令牌，令牌不能签发令牌 / only a signed-in person may issue tokens, not another token');
  }
  const unitId = input.unitId ?? null;
  if (isUnitRole(input.role) !== (unitId !== null)) {
    const message = isUnitRole(input.role) ? '该角色的令牌必须指定单位 / this role needs a unit' : '全市角色的令牌不属于单位 / city-wide roles take no unit';
    throw new AppError('VALIDATION_FAILED', `unitId: ${message}`, [{ path: 'body.unitId', message }]);
  }
  if (!issuerCovers(p, { role: input.role, unitId })) throw new AppError('FORBIDDEN', '令牌的权限不能超出签发人的权限 / a token cannot have more rights than its issuer');
  const createdBy = p.userId;
  const token = `kp_${randomSecret()}`;
  const row = await db.transaction(async (tx) => {
    if (unitId !== null && !(await findUnitById(tx, unitId))) throw notFound('单位 / Unit');
    const inserted = await repo.insertToken(tx, {
      name: input.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      role: input.role,
      scope: input.scope,
      unitId,
      createdBy,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    });
    await recordAudit(tx, ctx, { action: 'token.create', entity: 'api_token', entityId: inserted.id, unitId, after: repo.toTokenDto(inserted) });
    return inserted;
  });
  return { token, item: repo.toTokenDto(row) };
}

export async function revokeTokenById(db: Database, id: number, ctx: AuditContext): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await repo.findTokenById(tx, id);
    if (!row) throw notFound('令牌 / Token');
    if (row.revoked_at) return;
    await repo.revokeToken(tx, id);
    await recordAudit(tx, ctx, { action: 'token.revoke', entity: 'api_token', entityId: id, unitId: row.unit_id, before: repo.toTokenDto(row) });
  });
}

/** Revokes, for good, every token an account issued: called in the transaction that deactivates it. */
export async function revokeTokensOfIssuer(tx: Queryable, userId: number, ctx: AuditContext): Promise<void> {
  const ids = await repo.revokeTokensIssuedBy(tx, userId);
  if (ids.length) await recordAudit(tx, ctx, { action: 'token.revoke', entity: 'user', entityId: userId, after: { tokenIds: ids, reason: 'issuer deactivated' } });
}
