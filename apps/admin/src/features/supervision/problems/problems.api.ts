import type { ProblemAction, ProblemCreate, ProblemDetail, ProblemEvidenceDto, ProblemEvidenceUpload, ProblemList, ProblemSource, ProblemStatus, TaskLight } from '@kaoping/shared';
import { api } from '../../../api/client';

export type { ProblemDetail, ProblemDto, ProblemEvidenceDto as EvidenceFile, ProblemRequirementDto as Requirement, TaskLight as Light } from '@kaoping/shared';

export interface ProblemFilter {
  status?: ProblemStatus;
  source?: ProblemSource;
  unitId?: number;
  light?: TaskLight;
  /** Only red problems nobody acts on (预警). */
  alert?: boolean;
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
  addEvidence: (id: number, requirementId: number, file: File): Promise<ProblemEvidenceUpload> =>
    api.uploadAs<ProblemEvidenceUpload>(`/api/problems/${id}/requirements/${requirementId}/evidence`, file, file.type || 'application/octet-stream', {
      headers: { 'x-filename': encodeURIComponent(file.name) },
    }),
  downloadEvidence: (id: number, e: ProblemEvidenceDto): Promise<string> => api.download(evidenceUrl(id, e.id), e.filename),
  act: (id: number, body: { action: Exclude<ProblemAction, 'report'>; note?: string; requirementIds?: number[] }): Promise<ProblemDetail> =>
    api.post<ProblemDetail>(`/api/problems/${id}/actions`, body),
};
