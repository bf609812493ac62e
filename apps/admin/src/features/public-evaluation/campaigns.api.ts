import type { CampaignDetail, CampaignDto, CampaignResults, CampaignRule, FlagKind, FlagScan, FraudReport, Participation, Questionnaire, RunDto, SmsMessage, VerificationMode } from '@kaoping/shared';
import { api } from '../../api/client';

/* The answers' shapes are the API's own (packages/shared); the request bodies are the forms'. */
export type {
  CampaignDetail,
  CampaignDto,
  CampaignResults,
  CampaignStatus,
  CampaignUnit,
  FlagKind,
  FlagScan,
  FraudFlag,
  FraudReport,
  InvitationBatch,
  Participation,
  SmsMessage,
  UnitResult,
} from '@kaoping/shared';

export interface CampaignBody {
  slug: string;
  name: string;
  year: number;
  startsAt: string;
  endsAt: string;
  modes: VerificationMode[];
  questionnaire: Questionnaire;
  rule: CampaignRule;
  schemeCode: string | null;
  unitIds?: number[];
}

export type CampaignPatch = Partial<Omit<CampaignBody, 'slug' | 'year' | 'unitIds'>>;

/** Calls of the campaign endpoints. */
export const campaignsApi = {
  list: async (): Promise<CampaignDto[]> => (await api.get<{ items: CampaignDto[] }>('/api/campaigns')).items,
  get: (id: number): Promise<CampaignDetail> => api.get<CampaignDetail>(`/api/campaigns/${id}`),
  create: (body: CampaignBody): Promise<CampaignDto> => api.post<CampaignDto>('/api/campaigns', body),
  update: (id: number, body: CampaignPatch): Promise<CampaignDto> => api.patch<CampaignDto>(`/api/campaigns/${id}`, body),
  open: (id: number): Promise<CampaignDto> => api.post<CampaignDto>(`/api/campaigns/${id}/open`),
  close: (id: number): Promise<CampaignDto & { scoreRun: RunDto | null }> => api.post(`/api/campaigns/${id}/close`),
  saveCard: (id: number, unitId: number, card: { duties: string; highlights: string }): Promise<{ ok: true }> =>
    api.put(`/api/campaigns/${id}/cards/${unitId}`, card),
  issueInvitations: (id: number, body: { count: number; batch: string }): Promise<string> =>
    api.downloadPost(`/api/campaigns/${id}/invitations`, body, `invitations-${body.batch}.xlsx`),
  participation: (id: number): Promise<Participation> => api.get<Participation>(`/api/campaigns/${id}/participation`),
  results: (id: number, exclusions: 'apply' | 'ignore'): Promise<CampaignResults> =>
    api.get<CampaignResults>(`/api/campaigns/${id}/results`, { exclusions }),
  /** One page of the stored flags (of one kind, if given), with the totals over all of them. */
  flags: (id: number, page: { kind?: FlagKind; offset: number; limit: number }): Promise<FraudReport> =>
    api.get<FraudReport>(`/api/campaigns/${id}/flags`, { kind: page.kind, offset: page.offset, limit: page.limit }),
  scanFlags: (id: number): Promise<FlagScan> => api.post<FlagScan>(`/api/campaigns/${id}/flags/scan`),
  setExclusions: (id: number, body: { responseIds: number[]; excluded: boolean; reason: string; flag?: string }): Promise<{ changed: number }> =>
    api.post(`/api/campaigns/${id}/exclusions`, body),
  smsOutbox: (): Promise<{ provider: string; items: SmsMessage[] }> => api.get('/api/sms-outbox'),
};
