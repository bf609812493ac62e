import type { CampaignRule, FlagKind, FlagScan, FraudReport, Questionnaire, RespondentClass, VerificationMode } from '@kaoping/shared';
import { api } from '../../api/client';

export type CampaignStatus = 'draft' | 'open' | 'closed';

/** A public-evaluation campaign as the API lists it. */
export interface CampaignDto {
  id: number;
  slug: string;
  name: string;
  year: number;
  startsAt: string;
  endsAt: string;
  status: CampaignStatus;
  modes: VerificationMode[];
  questionnaire: Questionnaire;
  rule: CampaignRule;
  schemeCode: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

/** Live participation: the only figures shown while a campaign is open. */
export interface Participation {
  responses: number;
  invited: number;
  open: number;
  answers: number;
  suggestions: number;
}

/** A unit scored in a campaign, with its public card. */
export interface CampaignUnit {
  unitId: number;
  code: string;
  name: string;
  groupCode: string | null;
  duties: string | null;
  highlights: string | null;
}

export interface InvitationBatch {
  batch: string;
  issued: number;
  used: number;
}

/** One campaign with its units, participation and invitations. */
export interface CampaignDetail extends CampaignDto {
  units: CampaignUnit[];
  participation: Participation;
  invitations: InvitationBatch[];
  portalUrl: string;
}

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

export type AnswerCounts = Record<'satisfied' | 'basicallySatisfied' | 'dissatisfied' | 'unaware', number>;

/** A unit's satisfaction by respondent class and combined by the campaign's rule. */
export interface UnitResult {
  unitId: number;
  code: string;
  name: string;
  groupCode: string | null;
  counts: Record<RespondentClass, AnswerCounts>;
  satisfaction: { invited: number | null; open: number | null; combined: number | null };
  explanation: string[];
}

export interface CampaignResults {
  campaign: CampaignDto;
  excluded: number;
  units: UnitResult[];
}

export type { FlagKind, FlagScan, FraudFlag, FraudReport } from '@kaoping/shared';

export interface SmsMessage {
  id: number;
  phone: string;
  body: string;
  at: string;
}

/** Calls of the campaign endpoints. */
export const campaignsApi = {
  list: async (): Promise<CampaignDto[]> => (await api.get<{ items: CampaignDto[] }>('/api/campaigns')).items,
  get: (id: number): Promise<CampaignDetail> => api.get<CampaignDetail>(`/api/campaigns/${id}`),
  create: (body: CampaignBody): Promise<CampaignDto> => api.post<CampaignDto>('/api/campaigns', body),
  update: (id: number, body: CampaignPatch): Promise<CampaignDto> => api.patch<CampaignDto>(`/api/campaigns/${id}`, body),
  open: (id: number): Promise<CampaignDto> => api.post<CampaignDto>(`/api/campaigns/${id}/open`),
  close: (id: number): Promise<CampaignDto & { scoreRun: { id: number } | null }> => api.post(`/api/campaigns/${id}/close`),
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
