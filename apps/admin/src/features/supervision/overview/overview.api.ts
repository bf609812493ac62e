import type { SupervisionOverview, SupervisionOverviewQuery } from '@kaoping/shared';
import { api } from '../../../api/client';

export type { OverviewCounts, OverviewLeaderRow, OverviewUnitRow, SupervisionOverview } from '@kaoping/shared';

/** The supervision overview: per unit lights, overdue items, close-out rate; the leaders' view. */
export const overviewApi = {
  get: (q: SupervisionOverviewQuery): Promise<SupervisionOverview> => api.get<SupervisionOverview>('/api/supervision/overview', { ...q }),
  export: (q: SupervisionOverviewQuery): Promise<string> => api.download('/api/supervision/overview/export.xlsx', 'supervision-overview.xlsx', { ...q }),
};

/** Where a count links: the task list or the problem ledger, filtered by unit and light. */
export const listPath = (kind: 'tasks' | 'problems', unitId: number, light?: string) =>
  `/supervision/${kind}?unit=${unitId}${light ? `&light=${light}` : ''}`;
