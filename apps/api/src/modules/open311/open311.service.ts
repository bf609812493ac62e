import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { recordAudit, type AuditContext } from '../audit/audit.service.js';
import { AppError, notFound } from '../../errors.js';
import { SqlWhere } from '../../lib/sql-where.js';
import { newTicket } from '../campaigns/portal.service.js';
import { STATUS_ZH } from '../suggestions/suggestions.service.js';

/**
 * Open311 GeoReport v2 over the suggestions: every active unit is a service, every suggestion a
 * service request. Requests are public in GeoReport, so only what the office has sorted (and not
 * found abusive) shows its text; nothing identifies who wrote it.
 */

export async function services(db: Queryable) {
  const rows = await db.query<{ code: string; name: string; group_name: string }>(
    'select u.code, u.name, g.name as group_name from units u join unit_groups g on g.id = u.group_id where u.active order by g.sort_order, u.code',
  );
  return rows.map((u) => ({
    service_code: u.code,
    service_name: u.name,
    description: `向${u.name}提出意见建议`,
    metadata: false,
    type: 'realtime',
    keywords: u.group_name,
    group: u.group_name,
  }));
}

interface RequestRow {
  id: number;
  unit_code: string;
  unit_name: string;
  body: string;
  category: string | null;
  status: keyof typeof STATUS_ZH;
  reply: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  deadline: string | null;
  created_at: Date;
  updated_at: Date;
}

const CLOSED_CATEGORIES = new Set(['praise', 'duplicate', 'vague']);

function toRequest(r: RequestRow) {
  const closed = r.status === 'accepted' || (r.status === 'sorted' && CLOSED_CATEGORIES.has(r.category ?? ''));
  const published = r.category !== null;
  return {
    service_request_id: String(r.id),
    status: closed ? 'closed' : 'open',
    status_notes: r.status === 'accepted' && r.reply ? `${STATUS_ZH[r.status]}：${r.reply}` : STATUS_ZH[r.status],
    service_name: r.unit_name,
    service_code: r.unit_code,
    description: published ? r.body : null,
    agency_responsible: r.unit_name,
    service_notice: null,
    requested_datetime: new Date(r.created_at).toISOString(),
    updated_datetime: new Date(r.updated_at).toISOString(),
    expected_datetime: r.deadline ? `${r.deadline}T23:59:59+08:00` : null,
    address: published ? r.address : null,
    address_id: null,
    zipcode: null,
    lat: published ? r.lat : null,
    long: published ? r.long : null,
    media_url: null,
  };
}

const SELECT = `select s.id, u.code as unit_code, u.name as unit_name, s.body, s.category, s.status, s.reply, s.address, s.lat, s.long,
  to_char(s.deadline, 'YYYY-MM-DD') as deadline, s.created_at, s.updated_at
  from suggestions s join units u on u.id = s.unit_id where (s.category is null or s.category <> 'abusive')`;

export interface RequestQuery {
  ids?: number[];
  serviceCode?: string;
  start?: string;
  end?: string;
  status?: 'open' | 'closed';
}

/** GET requests.json: by default the last 90 days, at most 1000, newest first (as GeoReport v2 says). */
export async function listRequests(db: Queryable, q: RequestQuery) {
  const w = new SqlWhere()
    .add('s.id = any(?::int[])', q.ids)
    .add('u.code = ?', q.serviceCode)
    .add('s.created_at >= ?::timestamptz', q.ids ? q.start : (q.start ?? new Date(Date.now() - 90 * 86_400_000).toISOString()))
    .add('s.created_at <= ?::timestamptz', q.end);
  const rows = await db.query<RequestRow>(`${SELECT}${w.andSql} order by s.created_at desc, s.id desc limit 1000`, w.params);
  return rows.map(toRequest).filter((r) => !q.status || r.status === q.status);
}

export async function getRequest(db: Queryable, id: number) {
  const [row] = await db.query<RequestRow>(`${SELECT} and s.id = $1`, [id]);
  if (!row) throw notFound('服务请求 / Service request');
  return [toRequest(row)];
}

/**
 * POST requests.json: files a suggestion to a unit; the answer carries a ticket to read the reply
 * later. Each submission is audited with it (Open311 is rate-limited per network, so one entry each
 * is well within what the chain takes; see docs/SECURITY.md).
 */
export async function createRequest(db: Database, input: { serviceCode: string; description: string; lat?: number; long?: number; address?: string }, ctx: AuditContext) {
  const ticket = newTicket();
  const row = await db.transaction(async (tx) => {
    const [unit] = await tx.query<{ id: number }>('select id from units where code = $1 and active', [input.serviceCode]);
    if (!unit) throw new AppError('VALIDATION_FAILED', `service_code: 没有这项服务 / no service "${input.serviceCode}"`, [{ path: 'body.service_code', message: 'unknown service' }]);
    const [inserted] = await tx.query<{ id: number }>(
      `insert into suggestions (source, unit_id, body, ticket, address, lat, long) values ('open311', $1, $2, $3, $4, $5, $6) returning id`,
      [unit.id, input.description, ticket, input.address ?? null, input.lat ?? null, input.long ?? null],
    );
    // The text is the citizen's and public only once sorted; the trail keeps its digest, not the words.
    await recordAudit(tx, ctx, {
      action: 'open311.request',
      entity: 'suggestion',
      entityId: inserted!.id,
      unitId: unit.id,
      after: { source: 'open311', sha256: createHash('sha256').update(input.description).digest('hex'), located: input.lat !== undefined || input.address !== undefined },
    });
    return inserted;
  });
  return [
    {
      service_request_id: String(row!.id),
      token: ticket,
      service_notice: `已受理。回执编号 ${ticket}，可凭此编号查询办理情况。`,
      account_id: null,
    },
  ];
}
