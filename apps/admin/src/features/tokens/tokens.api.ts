import type { ApiTokenCreated, ApiTokenDto, TokenCreate } from '@kaoping/shared';
import { api } from '../../api/client';

export type { TokenCreate };

/** The secret is in `token` and is returned only by the create call. */
export type CreatedToken = ApiTokenCreated;

/** Calls of the API-token endpoints (administrators only). */
export const tokensApi = {
  list: async (): Promise<ApiTokenDto[]> => (await api.get<{ items: ApiTokenDto[] }>('/api/tokens')).items,
  create: (body: TokenCreate): Promise<CreatedToken> => api.post<CreatedToken>('/api/tokens', body),
  revoke: (id: number): Promise<void> => api.delete(`/api/tokens/${id}`),
};
