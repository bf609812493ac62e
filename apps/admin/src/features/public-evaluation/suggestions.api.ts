import type { SuggestionCategory } from '@kaoping/shared';
import { api } from '../../api/client';

export type SuggestionStatus = 'new' | 'sorted' | 'forwarded' | 'replied' | 'accepted' | 'returned';

/** A citizen's suggestion and how far it has been handled; nobody sees who wrote it. */
export interface SuggestionDto {
  id: number;
  source: 'campaign' | 'open311';
  campaignId: number | null;
  unit: { id: number; code: string; name: string };
  body: string;
  category: SuggestionCategory | null;
  duplicateOf: number | null;
  status: SuggestionStatus;
  noticeNo: string | null;
  deadline: string | null;
  overdue: boolean;
  reply: string | null;
  repliedAt: string | null;
  reviewReason: string | null;
  address: string | null;
  createdAt: string;
}

export interface SuggestionFilter {
  campaignId?: number;
  unitId?: number;
  status?: SuggestionStatus;
  category?: SuggestionCategory | 'unsorted';
  limit?: number;
  offset?: number;
}

export interface Notice {
  noticeNo: string;
  unit: string;
  suggestions: number[];
}

export interface CampaignStats {
  participants: number;
  comments: number;
  praise: number;
  byCategory: Partial<Record<SuggestionCategory | 'unsorted', number>>;
  byStatus: Partial<Record<SuggestionStatus, number>>;
}

/** Calls of the suggestion endpoints. */
export const suggestionsApi = {
  list: (filter: SuggestionFilter): Promise<{ items: SuggestionDto[]; total: number }> => api.get('/api/suggestions', { ...filter }),
  sort: (body: { ids: number[]; category: SuggestionCategory; duplicateOf?: number }): Promise<{ changed: number }> => api.post('/api/suggestions/sort', body),
  forward: (body: { ids: number[]; deadline: string }): Promise<{ notices: Notice[] }> => api.post('/api/suggestions/forward', body),
  reply: (id: number, reply: string): Promise<SuggestionDto> => api.post(`/api/suggestions/${id}/reply`, { reply }),
  review: (id: number, decision: 'accept' | 'return', reason?: string): Promise<SuggestionDto> =>
    api.post(`/api/suggestions/${id}/review`, reason ? { decision, reason } : { decision }),
  stats: (campaignId: number): Promise<CampaignStats> => api.get(`/api/campaigns/${campaignId}/stats`),
  /** The 绩效改进通知书 the suggestion went out with, as the server renders it (GB/T 9704). */
  notice: (id: number, format: 'pdf' | 'docx'): Promise<string> => api.download(`/api/suggestions/${id}/notice`, `notice.${format}`, { format }),
};
