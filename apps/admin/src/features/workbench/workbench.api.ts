import type { Workbench } from '@kaoping/shared';
import { api } from '../../api/client';

export type { LeaderWorkbench, OfficeWorkbench, SourceWorkbench, SupervisionWorkbench, UnitWorkbench, Workbench, WorkbenchBulletin, WorkbenchItem } from '@kaoping/shared';

export const workbenchApi = {
  get: (): Promise<Workbench> => api.get<Workbench>('/api/workbench'),
};
