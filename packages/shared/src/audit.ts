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

export interface AuditEntryDto {
  id: number;
  at: string;
  /** Who acted; `tokenId` names the API token when the actor used one. */
  actor: { id: number | null; name: string; tokenId: number | null };
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}
