import { auditPageSchema, auditQuerySchema, auditVerifySchema, type AuditEntryDto } from '@kaoping/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { authorize, isCityWide } from '../../lib/principal.js';
import { defineRoute } from '../../lib/route.js';
import { auditPolicies } from './audit.policy.js';
import { findAuditRows, type AuditRow } from './audit.repository.js';
import { verifyAuditChain } from './audit.service.js';

function toDto(r: AuditRow): AuditEntryDto {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: { id: r.actor_id, name: r.actor_name, tokenId: r.token_id ?? null },
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    unitId: r.unit_id,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
    ip: r.ip,
  };
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit',
    summary: 'The audit trail, newest first, filtered by user, unit, entity, action and time',
    tags: ['audit'],
    query: auditQuerySchema,
    response: auditPageSchema,
    handler: async ({ principal, query }) => {
      // A unit head is held to their own unit whatever they ask for.
      const unitId = isCityWide(principal) ? query.unitId : (query.unitId ?? principal.unitId ?? undefined);
      authorize(principal, auditPolicies.read, { unitId: unitId ?? null });
      const { page, pageSize, ...filter } = query;
      const res = await findAuditRows(ctx.db, { ...filter, unitId }, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: res.rows.map(toDto), total: res.total, page, pageSize };
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/verify',
    summary: 'Check the hash chain of the audit trail; reports the first broken link',
    tags: ['audit'],
    response: auditVerifySchema,
    handler: async ({ principal }) => {
      authorize(principal, auditPolicies.verify);
      return verifyAuditChain(ctx.db);
    },
  });
}
