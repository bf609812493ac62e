import { z } from 'zod';

export const auditQuerySchema = z.strictObject({
  userId: z.coerce.number().int().positive().optional(),
  tokenId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  entity: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** Who acted; `tokenId` names the API token when the actor used one. */
  actor: z.object({ id: z.number().int().nullable(), name: z.string(), tokenId: z.number().int().nullable() }),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  unitId: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The audit chain walked end to end: the first entry whose link or content does not match, if any. */
export const auditVerifySchema = z.object({ ok: z.boolean(), checked: z.number().int(), firstBroken: z.object({ id: z.number().int(), reason: z.string() }).optional() });
