import { createHash, randomBytes } from 'node:crypto';
import type { Open311ApiKey, Open311Created, Open311Discovery, Open311Request, Open311Service, Open311ServiceDefinition } from '@kaoping/shared';
import type { Database, Queryable } from '../../db/database.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { AppError } from '../../errors.js';
import type { TimeZone } from '../../lib/time-zone.js';
import { newTicket } from '../campaigns/portal.service.js';
import { STATUS_ZH } from '../suggestions/suggestions.service.js';
import * as repo from './open311.repository.js';

/**
 * Open311 GeoReport v2 over the suggestions: every active unit is a service, every suggestion a
 * service request. Requests are public in GeoReport, so only what the office has sorted (and not
 * found abusive) shows its text; nothing identifies who wrote it.
 */

const notFound = (zh: string, en: string) => new AppError('NOT_FOUND', `${zh}不存在 / ${en} not found`);

const toService = (u: repo.ServiceRow): Open311Service => ({
  service_code: u.code,
  service_name: u.name,
  description: `向${u.name}提出意见建议`,
  metadata: false,
  type: 'realtime',
  keywords: u.group_name,
  group: u.group_name,
});

export const services = async (db: Queryable): Promise<Open311Service[]> => (await repo.listServices(db)).map(toService);

/** GET services/{code}: the service asks for nothing beyond the standard fields (metadata false), so no attributes. */
export async function serviceDefinition(db: Queryable, code: string): Promise<Open311ServiceDefinition> {
  const service = await repo.findService(db, code);
  if (!service) throw notFound(`服务 ${code} `, `service ${code}`);
  return { service_code: service.code, attributes: [] };
}

const CLOSED_CATEGORIES = new Set(['praise', 'duplicate', 'vague']);

/** An instant as ISO 8601 with the zone's offset, e.g. 2021-06-01T09:30:00+08:00. */
export function isoInZone(zone: TimeZone, at: Date | number): string {
  const t = new Date(at).getTime();
  const offset = zone.offset(t);
  const local = new Date(t + offset).toISOString().slice(0, 19);
  const m = Math.abs(offset) / 60_000;
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function toRequest(r: repo.RequestRow, zone: TimeZone): Open311Request {
  const closed = r.status === 'accepted' || (r.status === 'sorted' && CLOSED_CATEGORIES.has(r.category ?? ''));
  const published = r.category !== null;
  return {
    service_request_id: String(r.id),
    status: closed ? 'closed' : 'open',
    status_notes: r.status === 'accepted' && r.reply ? `${STATUS_ZH[r.status]}：${r.reply}` : STATUS_ZH[r.status],
    service_name: r.unit_name,
    service_code: r.unit_code,
    description: published && r.body !== '' ? r.body : null,
    agency_responsible: r.unit_name,
    service_notice: null,
    requested_datetime: isoInZone(zone, r.created_at),
    updated_datetime: isoInZone(zone, r.updated_at),
    // A deadline is a calendar date there: the request is expected by the end of that day.
    expected_datetime: r.deadline ? isoInZone(zone, Math.floor(zone.endOfDay(r.deadline) / 1000) * 1000) : null,
    address: published ? r.address : null,
    address_id: null,
    zipcode: null,
    lat: published ? r.lat : null,
    long: published ? r.long : null,
    media_url: null,
  };
}

export interface RequestQuery {
  ids?: number[];
  serviceCode?: string;
  start?: string;
  end?: string;
  status?: 'open' | 'closed';
}

/** GET requests: by default the last 90 days, at most 1000, newest first (as GeoReport v2 says). */
export async function listRequests(db: Queryable, zone: TimeZone, q: RequestQuery): Promise<Open311Request[]> {
  const start = q.ids ? q.start : (q.start ?? new Date(Date.now() - 90 * 86_400_000).toISOString());
  const rows = await repo.listRequests(db, { ids: q.ids, serviceCode: q.serviceCode, start, end: q.end });
  return rows.map((r) => toRequest(r, zone)).filter((r) => !q.status || r.status === q.status);
}

export async function getRequest(db: Queryable, zone: TimeZone, id: number): Promise<Open311Request[]> {
  const row = await repo.findRequest(db, id);
  if (!row) throw notFound(`服务请求 ${id} `, `service request ${id}`);
  return [toRequest(row, zone)];
}

/** GET tokens/{token}: the request filed with that token. */
export async function requestOfToken(db: Queryable, token: string): Promise<{ service_request_id: string; token: string }[]> {
  const id = await repo.findRequestIdByToken(db, token);
  if (id === undefined) throw notFound('该回执编号', 'token');
  return [{ service_request_id: String(id), token }];
}

export interface NewRequest {
  serviceCode: string;
  description?: string;
  lat?: number;
  long?: number;
  address?: string;
}

/**
 * POST requests: files a suggestion to a unit; the answer carries a ticket to read the reply
 * later. Each submission is audited with it (Open311 is rate-limited per network, so one entry each
 * is well within what the chain takes; see docs/SECURITY.md).
 */
export async function createRequest(db: Database, input: NewRequest, ctx: AuditContext): Promise<Open311Created> {
  const ticket = newTicket();
  const body = input.description ?? '';
  const id = await db.transaction(async (tx) => {
    const unitId = await repo.findActiveUnitId(tx, input.serviceCode);
    if (unitId === undefined) {
      throw new AppError('VALIDATION_FAILED', `service_code: 没有这项服务 / no service "${input.serviceCode}"`, [{ path: 'body.service_code', message: 'unknown service' }]);
    }
    const inserted = await repo.insertRequest(tx, { unitId, body, ticket, address: input.address ?? null, lat: input.lat ?? null, long: input.long ?? null });
    // The text is the citizen's and public only once sorted; the trail keeps its digest, not the words.
    await recordAudit(tx, ctx, {
      action: 'open311.request',
      entity: 'suggestion',
      entityId: inserted,
      unitId,
      after: { source: 'open311', sha256: createHash('sha256').update(body).digest('hex'), located: true },
    });
    return inserted;
  });
  return [{ service_request_id: String(id), token: ticket, service_notice: `已受理。回执编号 ${ticket}，可凭此编号查询办理情况。`, account_id: null }];
}

/** When this endpoint's interface last changed (the discovery document's changeset). */
export const CHANGESET = '2026-12-07T00:00:00Z';

export function discovery(publicUrl: string, keysRequired: boolean): Open311Discovery {
  return {
    changeset: CHANGESET,
    contact: `请联系本系统管理员 / contact the administrators of ${publicUrl}`,
    key_service: keysRequired
      ? '提交服务请求须使用 api_key，向本系统管理员申请 / filing requests needs an api_key; ask the administrators for one'
      : '提交服务请求无须 api_key / no api_key is needed to file requests',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${publicUrl}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

// ---- API keys (OPEN311_API_KEYS=required) ----

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

const toApiKey = (r: repo.ApiKeyRow): Open311ApiKey => ({
  id: r.id,
  name: r.name,
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
});

/** Issues a key to a client; the key is shown this once, only its digest is kept. */
export async function issueApiKey(db: Database, name: string, ctx: AuditContext): Promise<{ key: string; apiKey: Open311ApiKey }> {
  const clean = name.trim();
  if (clean.length < 1 || clean.length > 100) throw new AppError('VALIDATION_FAILED', '名称须为 1–100 个字 / the name must be 1–100 characters');
  const key = randomBytes(24).toString('base64url');
  const row = await db.transaction(async (tx) => {
    const inserted = await repo.insertApiKey(tx, clean, digest(key));
    await recordAudit(tx, ctx, { action: 'open311.key.issue', entity: 'open311_api_key', entityId: inserted.id, after: { name: clean } });
    return inserted;
  });
  return { key, apiKey: toApiKey(row) };
}

export const listApiKeys = async (db: Queryable): Promise<Open311ApiKey[]> => (await repo.listApiKeys(db)).map(toApiKey);

export async function revokeApiKey(db: Database, id: number, ctx: AuditContext): Promise<Open311ApiKey> {
  return db.transaction(async (tx) => {
    const row = await repo.revokeApiKey(tx, id);
    if (!row) throw notFound(`有效的 API key #${id} `, `live API key #${id}`);
    await recordAudit(tx, ctx, { action: 'open311.key.revoke', entity: 'open311_api_key', entityId: id, before: { name: row.name } });
    return toApiKey(row);
  });
}

/** Checks a client's api_key (403 in GeoReport's words when it is missing, unknown or revoked). */
export async function checkApiKey(db: Queryable, key: string | undefined): Promise<void> {
  const valid = key ? await repo.useApiKey(db, digest(key)) : undefined;
  if (!valid) {
    throw new AppError(
      'FORBIDDEN',
      key ? 'api_key 无效或已被吊销 / invalid or revoked api_key' : '缺少 api_key：向本系统管理员申请 / api_key missing; ask the administrators for one',
    );
  }
}
