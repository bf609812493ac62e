import type { ProblemCreate, ProblemSource, ProblemStatus } from '@kaoping/shared';
import { api } from '../../../api/client';

export type Light = 'green' | 'blue' | 'yellow' | 'red';
export type ProblemAction = 'report' | 'submit' | 'close' | 'return' | 'reopen';

/** The light of an open problem (DOMAIN.md §5); null once it is closed out. */
export interface LightResult {
  light: Light | null;
  reason: string;
  alert: boolean;
  expected: number;
}

/** A problem on the ledger as the list shows it. */
export interface ProblemDto {
  id: number;
  title: string;
  description: string;
  source: ProblemSource;
  findingId: number | null;
  schemeId: number | null;
  indicatorId: number | null;
  auditRef: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  unit: { id: number; code: string; name: string };
  responsibleLeader: string;
  startDate: string;
  deadline: string;
  status: ProblemStatus;
  returned: boolean;
  requirements: { done: number; total: number };
  progress: number;
  light: LightResult;
  createdAt: string;
  closedAt: string | null;
}

export interface EvidenceFile {
  id: number;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface Requirement {
  id: number;
  position: number;
  text: string;
  done: boolean;
  report: string | null;
  reportedAt: string | null;
  evidence: EvidenceFile[];
}

export interface ProblemEvent {
  id: number;
  action: string;
  from: ProblemStatus;
  to: ProblemStatus;
  requirementId: number | null;
  actor: string | null;
  note: string | null;
  at: string;
}

/** A photo or video of the finding a problem came from. */
export interface FindingMediaRef {
  id: number;
  kind: 'image' | 'video';
  filename: string;
  takenAt: string | null;
  latitude: number | null;
  longitude: number | null;
  url: string;
  thumbnailUrl: string | null;
}

/** One problem: its checklist with reports and evidence, its steps, and the steps open to the caller. */
export interface ProblemDetail extends ProblemDto {
  finding: { id: number; inspectionId: number; title: string; mediaIds: number[]; media: FindingMediaRef[] } | null;
  checklist: Requirement[];
  events: ProblemEvent[];
  actions: ProblemAction[];
}

export interface ProblemFilter {
  status?: ProblemStatus;
  source?: ProblemSource;
  unitId?: number;
  light?: Light;
}

export interface ProblemList {
  items: ProblemDto[];
  counts: Record<Light | 'alert', number>;
}

/** The URL an evidence file is served from (an image shows inline in an <img>). */
export const evidenceUrl = (problemId: number, evidenceId: number) => `/api/problems/${problemId}/evidence/${evidenceId}`;

/** Calls of the problem ledger endpoints. */
export const problemsApi = {
  list: (filter: ProblemFilter): Promise<ProblemList> => api.get<ProblemList>('/api/problems', { ...filter }),
  exportXlsx: (filter: ProblemFilter): Promise<string> => api.download('/api/problems/export.xlsx', 'problems.xlsx', { ...filter }),
  get: (id: number): Promise<ProblemDetail> => api.get<ProblemDetail>(`/api/problems/${id}`),
  create: (body: ProblemCreate): Promise<ProblemDetail> => api.post<ProblemDetail>('/api/problems', body),
  report: (id: number, requirementId: number, body: { done: boolean; report: string }): Promise<ProblemDetail> =>
    api.post<ProblemDetail>(`/api/problems/${id}/requirements/${requirementId}/report`, body),
  addEvidence: (id: number, requirementId: number, file: File): Promise<EvidenceFile> =>
    api.uploadAs<EvidenceFile>(`/api/problems/${id}/requirements/${requirementId}/evidence`, file, file.type || 'application/octet-stream', {
      headers: { 'x-filename': encodeURIComponent(file.name) },
    }),
  downloadEvidence: (id: number, e: EvidenceFile): Promise<string> => api.download(evidenceUrl(id, e.id), e.filename),
  act: (id: number, body: { action: Exclude<ProblemAction, 'report'>; note?: string; requirementIds?: number[] }): Promise<ProblemDetail> =>
    api.post<ProblemDetail>(`/api/problems/${id}/actions`, body),
};
