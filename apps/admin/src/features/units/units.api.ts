import type { GroupDto, UnitCreate, UnitDto, UnitUpdate } from '@kaoping/shared';
import { api } from '../../api/client';

/** Calls of the units and groups endpoints. */
export const unitsApi = {
  list: async (): Promise<UnitDto[]> => (await api.get<{ items: UnitDto[] }>('/api/units')).items,
  groups: async (): Promise<GroupDto[]> => (await api.get<{ items: GroupDto[] }>('/api/groups')).items,
  create: (body: UnitCreate): Promise<UnitDto> => api.post<UnitDto>('/api/units', body),
  update: (id: number, body: UnitUpdate): Promise<UnitDto> => api.patch<UnitDto>(`/api/units/${id}`, body),
  exportXlsx: (): Promise<string> => api.download('/api/units/export.xlsx', 'units.xlsx'),
  importXlsx: (file: Blob): Promise<ImportResult> => api.upload<ImportResult>('/api/units/import', file),
};

/** What a successful spreadsheet import reports. */
export interface ImportResult {
  created: number;
  updated: number;
}
