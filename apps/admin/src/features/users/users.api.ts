import type { Role, UserCreate, UserDto, UserUpdate } from '@kaoping/shared';
import { api } from '../../api/client';
import type { ImportResult } from '../units/units.api';

export interface UserFilters {
  q?: string;
  role?: Role;
  unitId?: number;
  active?: boolean;
}

/** Calls of the users endpoints; the server scopes a unit head to their own unit. */
export const usersApi = {
  list: async (filters: UserFilters = {}): Promise<UserDto[]> =>
    (await api.get<{ items: UserDto[] }>('/api/users', { ...filters })).items,
  create: (body: UserCreate): Promise<UserDto> => api.post<UserDto>('/api/users', body),
  update: (id: number, body: UserUpdate): Promise<UserDto> => api.patch<UserDto>(`/api/users/${id}`, body),
  exportXlsx: (): Promise<string> => api.download('/api/users/export.xlsx', 'users.xlsx'),
  importXlsx: (file: Blob): Promise<ImportResult> => api.upload<ImportResult>('/api/users/import', file),
};
