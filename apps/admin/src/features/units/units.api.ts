import type { GroupDto, UnitCreate, UnitDto, UnitKind, UnitUpdate } from '@kaoping/shared';
import { api } from '../../api/client';

/** Calls of the units and groups endpoints. */
export const unitsApi = {
  list: async (): Promise<UnitDto[]> => (await api.get<{ items: UnitDto[] }>('/api/units')).items,
  groups: async (): Promise<GroupDto[]> => (await api.get<{ items: GroupDto[] }>('/api/groups')).items,
  create: (body: UnitCreate): Promise<UnitDto> => api.post<UnitDto>('/api/units', body),
  update: (id: number, body: UnitUpdate): Promise<UnitDto> => api.patch<UnitDto>(`/api/units/${id}`, body),
  createGroup: (body: GroupBody): Promise<GroupDto> => api.post<GroupDto>('/api/groups', body),
  updateGroup: (id: number, body: GroupBody): Promise<GroupDto> => api.patch<GroupDto>(`/api/groups/${id}`, body),
  exportXlsx: (): Promise<string> => api.download('/api/units/export.xlsx', 'units.xlsx'),
  importXlsx: (file: Blob): Promise<ImportResult> => api.upload<ImportResult>('/api/units/import', file),
};

/** A group as created or edited. */
export interface GroupBody {
  code: string;
  name: string;
  nameEn: string | null;
  kind: UnitKind;
  sortOrder: number;
}

/** What a successful spreadsheet import reports. */
export interface ImportResult {
  created: number;
  updated: number;
}
