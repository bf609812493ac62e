import type { MeDto } from '@kaoping/shared';
import { api } from './client';

/** Session calls: login sets the httpOnly cookie, the others use it. */
export const authApi = {
  login: (username: string, password: string): Promise<MeDto> => api.post<MeDto>('/api/auth/login', { username, password }),
  me: (): Promise<MeDto> => api.get<MeDto>('/api/auth/me'),
  logout: (): Promise<void> => api.post<void>('/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string): Promise<void> =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
};
