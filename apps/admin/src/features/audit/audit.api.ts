import type { AuditPage } from '@kaoping/shared';
import { api } from '../../api/client';

export interface AuditFilters {
  userId?: number;
  unitId?: number;
  entity?: string;
  action?: string;
  from?: string;
  to?: string;
}

export type { AuditPage };

/** Reads one page of the audit log. */
export const auditApi = {
  list: (filters: AuditFilters, page: number, pageSize: number): Promise<AuditPage> =>
    api.get<AuditPage>('/api/audit', { ...filters, page, pageSize }),
};
