import type {
  BulkApproveResult,
  CorrectionDto,
  CorrectionListItem,
  DueItem,
  FilingStatus,
  Grid,
  GridRow,
  LastYearTable,
  RecordedEvent,
  ReviewQueue,
  ReviewQueueQuery,
  ValueEntry,
  ValueEvidence,
} from '@kaoping/shared';
import { XLSX_TYPE, api } from '../../../api/client';

export type ValueStatus = GridRow['status'];
export type ReportEvent = RecordedEvent;
export type {
  BulkApproveResult,
  CorrectionDto,
  CorrectionListItem as CorrectionItem,
  DueItem,
  FilingStatus,
  Grid,
  GridRow,
  LastYearTable,
  ReviewQueue,
  ReviewQueueItem,
  ReviewQueueQuery,
  ValueEntry,
  ValueEvidence as EvidenceDto,
} from '@kaoping/shared';

export interface CorrectionRequest {
  value?: number | null;
  grade?: string | null;
  note?: string | null;
  reason: string;
}

const at = (unitId: number, periodId: number) => ({ unitId, periodId });
const lastYearUrl = (schemeId: number, code: string) => `/api/schemes/${schemeId}/indicators/${encodeURIComponent(code)}/last-year`;

/** Calls of the reporting, review, evidence and correction endpoints. */
export const reportingApi = {
  grid: (unitId: number, periodId: number): Promise<Grid> => api.get<Grid>('/api/data', at(unitId, periodId)),
  save: (unitId: number, periodId: number, values: ValueEntry[]): Promise<Grid> =>
    api.put<Grid>('/api/data', { ...at(unitId, periodId), values }),
  submit: (unitId: number, periodId: number): Promise<Grid> => api.post<Grid>('/api/data/submit', at(unitId, periodId)),
  /** Records 本期无事项 on the event rows given, or on every one not yet filled. */
  confirmNoEvents: (unitId: number, periodId: number, indicatorIds?: number[]): Promise<Grid> =>
    api.post<Grid>('/api/data/no-events', { ...at(unitId, periodId), ...(indicatorIds ? { indicatorIds } : {}) }),
  /** The office returns an approved value of an open period. */
  returnApproved: (valueId: number, reason: string): Promise<Grid> => api.post<Grid>(`/api/values/${valueId}/return`, { reason }),
  review: (unitId: number, periodId: number, decision: 'approve' | 'return', reason?: string): Promise<Grid> =>
    api.post<Grid>('/api/data/review', { ...at(unitId, periodId), decision, ...(reason ? { reason } : {}) }),
  due: async (unitId?: number): Promise<DueItem[]> => (await api.get<{ items: DueItem[] }>('/api/data/due', { unitId })).items,
  template: (unitId: number, periodId: number): Promise<string> => api.download('/api/data/template.xlsx', 'template.xlsx', at(unitId, periodId)),
  importXlsx: (unitId: number, periodId: number, file: Blob): Promise<Grid> =>
    api.uploadAs<Grid>('/api/data/import', file, XLSX_TYPE, { query: at(unitId, periodId) }),
  evidence: async (valueId: number): Promise<ValueEvidence[]> => (await api.get<{ items: ValueEvidence[] }>(`/api/values/${valueId}/evidence`)).items,
  addEvidence: (valueId: number, file: File): Promise<ValueEvidence> =>
    api.uploadAs<ValueEvidence>(`/api/values/${valueId}/evidence`, file, file.type || 'application/octet-stream', {
      headers: { 'x-filename': encodeURIComponent(file.name) },
    }),
  downloadEvidence: (e: ValueEvidence): Promise<string> => api.download(`/api/evidence/${e.id}`, e.filename),
  requestCorrection: (valueId: number, body: CorrectionRequest): Promise<CorrectionDto> => api.post(`/api/values/${valueId}/corrections`, body),
  reviewQueue: (filter: ReviewQueueQuery): Promise<ReviewQueue> => api.get<ReviewQueue>('/api/data/review-queue', { ...filter }),
  bulkApprove: (items: { unitId: number; periodId: number; indicatorIds?: number[] }[]): Promise<BulkApproveResult> =>
    api.post<BulkApproveResult>('/api/data/review/bulk', { items }),
  filingStatus: (periodId: number, behind: boolean): Promise<FilingStatus> => api.get<FilingStatus>('/api/data/status', { periodId, behind: behind ? 1 : undefined }),
  corrections: async (status: CorrectionListItem['status'] = 'pending'): Promise<CorrectionListItem[]> =>
    (await api.get<{ items: CorrectionListItem[] }>('/api/corrections', { status })).items,
  lastYear: (schemeId: number, code: string): Promise<LastYearTable> => api.get<LastYearTable>(lastYearUrl(schemeId, code)),
  saveLastYear: (schemeId: number, code: string, values: { unitId: number; value: number | null }[]): Promise<LastYearTable> =>
    api.put<LastYearTable>(lastYearUrl(schemeId, code), { values }),
  lastYearTemplate: (schemeId: number, code: string): Promise<string> => api.download(`${lastYearUrl(schemeId, code)}.xlsx`, `last-year-${code}.xlsx`),
  importLastYear: (schemeId: number, code: string, file: Blob): Promise<LastYearTable> => api.uploadAs<LastYearTable>(`${lastYearUrl(schemeId, code)}/import`, file, XLSX_TYPE),
  decideCorrection: (id: number, decision: 'approve' | 'reject', note?: string): Promise<CorrectionDto> =>
    api.post(`/api/corrections/${id}/decide`, { decision, ...(note ? { note } : {}) }),
};
