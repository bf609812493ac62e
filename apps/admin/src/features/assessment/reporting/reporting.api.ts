import { XLSX_TYPE, api } from '../../../api/client';
import type { PeriodStatus } from '../schemes/schemes.api';

export type ValueStatus = 'empty' | 'draft' | 'submitted' | 'approved' | 'returned';
export type ReportEvent = Record<string, string | number | boolean | null>;

/** One row of a unit's reporting grid: an indicator, its target and the unit's value for the period. */
export interface GridRow {
  indicator: {
    id: number;
    code: string;
    name: string;
    points: number;
    unitLabel: string | null;
    direction: string;
    method: string;
    dataSourceUnitId: number | null;
  };
  target: number | null;
  valueId: number | null;
  value: number | null;
  grade: string | null;
  events: ReportEvent[] | null;
  note: string | null;
  status: ValueStatus;
  returnReason: string | null;
  evidenceCount: number;
  canEdit: boolean;
}

export interface Grid {
  period: { id: number; key: string; label: string; start: string; end: string; status: PeriodStatus; schemeId: number };
  unitId: number;
  rows: GridRow[];
}

/** What is saved for one cell. */
export interface ValueEntry {
  indicatorId: number;
  value?: number | null;
  grade?: string | null;
  events?: ReportEvent[] | null;
  note?: string | null;
}

/** An open period in which the unit still owes values. */
export interface DueItem {
  schemeId: number;
  periodId: number;
  periodLabel: string;
  end: string;
  missing: number;
  drafts: number;
  returned: number;
  overdue: boolean;
}

export interface EvidenceDto {
  id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** A unit-period with submitted values waiting for a decision. */
export interface ReviewQueueItem {
  schemeId: number;
  periodId: number;
  periodKey: string;
  periodLabel: string;
  periodStatus: PeriodStatus;
  unitId: number;
  unitCode: string;
  unitName: string;
  submitted: number;
  submittedAt: string | null;
}

interface Cell {
  value: number | null;
  grade: string | null;
  note: string | null;
}

/** A correction request with the value now and the value asked for. */
export interface CorrectionItem {
  id: number;
  status: 'pending' | 'approved' | 'rejected';
  reason: string;
  requestedBy: string | null;
  requestedAt: string;
  decisionNote: string | null;
  dataValueId: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  indicatorCode: string;
  indicatorName: string;
  periodId: number;
  periodLabel: string;
  current: Cell;
  proposed: Cell;
}

export interface CorrectionRequest {
  value?: number | null;
  grade?: string | null;
  note?: string | null;
  reason: string;
}

const at = (unitId: number, periodId: number) => ({ unitId, periodId });

/** Calls of the reporting, review, evidence and correction endpoints. */
export const reportingApi = {
  grid: (unitId: number, periodId: number): Promise<Grid> => api.get<Grid>('/api/data', at(unitId, periodId)),
  save: (unitId: number, periodId: number, values: ValueEntry[]): Promise<Grid> =>
    api.put<Grid>('/api/data', { ...at(unitId, periodId), values }),
  submit: (unitId: number, periodId: number): Promise<Grid> => api.post<Grid>('/api/data/submit', at(unitId, periodId)),
  review: (unitId: number, periodId: number, decision: 'approve' | 'return', reason?: string): Promise<Grid> =>
    api.post<Grid>('/api/data/review', { ...at(unitId, periodId), decision, ...(reason ? { reason } : {}) }),
  due: async (unitId?: number): Promise<DueItem[]> => (await api.get<{ items: DueItem[] }>('/api/data/due', { unitId })).items,
  template: (unitId: number, periodId: number): Promise<string> => api.download('/api/data/template.xlsx', 'template.xlsx', at(unitId, periodId)),
  importXlsx: (unitId: number, periodId: number, file: Blob): Promise<Grid> =>
    api.uploadAs<Grid>('/api/data/import', file, XLSX_TYPE, { query: at(unitId, periodId) }),
  evidence: async (valueId: number): Promise<EvidenceDto[]> => (await api.get<{ items: EvidenceDto[] }>(`/api/values/${valueId}/evidence`)).items,
  addEvidence: (valueId: number, file: File): Promise<EvidenceDto> =>
    api.uploadAs<EvidenceDto>(`/api/values/${valueId}/evidence`, file, file.type || 'application/octet-stream', {
      headers: { 'x-filename': encodeURIComponent(file.name) },
    }),
  downloadEvidence: (e: EvidenceDto): Promise<string> => api.download(`/api/evidence/${e.id}`, e.filename),
  requestCorrection: (valueId: number, body: CorrectionRequest): Promise<unknown> => api.post(`/api/values/${valueId}/corrections`, body),
  reviewQueue: async (filter: { schemeId?: number; periodId?: number }): Promise<ReviewQueueItem[]> =>
    (await api.get<{ items: ReviewQueueItem[] }>('/api/data/review-queue', filter)).items,
  corrections: async (status: CorrectionItem['status'] = 'pending'): Promise<CorrectionItem[]> =>
    (await api.get<{ items: CorrectionItem[] }>('/api/corrections', { status })).items,
  decideCorrection: (id: number, decision: 'approve' | 'reject', note?: string): Promise<unknown> =>
    api.post(`/api/corrections/${id}/decide`, { decision, ...(note ? { note } : {}) }),
};
