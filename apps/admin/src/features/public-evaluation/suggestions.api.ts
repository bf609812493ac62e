import type { CampaignStats, SuggestionCategory, SuggestionDto, SuggestionList, SuggestionNotice, SuggestionStatus } from '@kaoping/shared';
import { api } from '../../api/client';

export type { CampaignStats, SuggestionDto, SuggestionNotice as Notice, SuggestionStatus } from '@kaoping/shared';

export interface SuggestionFilter {
  campaignId?: number;
  unitId?: number;
  status?: SuggestionStatus;
  category?: SuggestionCategory | 'unsorted';
  limit?: number;
  offset?: number;
}

/** Calls of the suggestion endpoints. */
export const suggestionsApi = {
  list: (filter: SuggestionFilter): Promise<SuggestionList> => api.get('/api/suggestions', { ...filter }),
  sort: (body: { ids: number[]; category: SuggestionCategory; duplicateOf?: number }): Promise<{ changed: number }> => api.post('/api/suggestions/sort', body),
  forward: (body: { ids: number[]; deadline: string }): Promise<{ notices: SuggestionNotice[] }> => api.post('/api/suggestions/forward', body),
  reply: (id: number, reply: string): Promise<SuggestionDto> => api.post(`/api/suggestions/${id}/reply`, { reply }),
  review: (id: number, decision: 'accept' | 'return', reason?: string): Promise<SuggestionDto> =>
    api.post(`/api/suggestions/${id}/review`, reason ? { decision, reason } : { decision }),
  stats: (campaignId: number): Promise<CampaignStats> => api.get(`/api/campaigns/${campaignId}/stats`),
  /** The 绩效改进通知书 the suggestion went out with, as the server renders it (GB/T 9704). */
  notice: (id: number, format: 'pdf' | 'docx'): Promise<string> => api.download(`/api/suggestions/${id}/notice`, `notice.${format}`, { format }),
};
