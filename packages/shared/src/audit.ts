import { z } from 'zod';

export const auditQuerySchema = z.strictObject({
  userId: z.coerce.number().int().positive().optional(),
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
  actor: { id: number | null; name: string };
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}
