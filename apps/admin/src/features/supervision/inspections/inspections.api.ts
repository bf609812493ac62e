import type { FindingCreate, FindingDto, FindingMap, FindingProblemInput, InspectionCreate, InspectionDetail, InspectionDto, InspectionList, MapPoint, MediaDto, ProblemDetail } from '@kaoping/shared';
import { api } from '../../../api/client';

export type { FindingDto, InspectionCreate, InspectionDetail, InspectionDto, MapPoint, MediaDto } from '@kaoping/shared';

/** What the phone knows of a file, used by the server only where the file itself says nothing. */
export interface ClientMeta {
  takenAt?: string;
  /** Where the phone was, used only where the file says nothing about its place. */
  latitude?: number;
  longitude?: number;
}

/** Calls of the undercover inspection endpoints. */
export const inspectionsApi = {
  list: async (): Promise<InspectionDto[]> => (await api.get<InspectionList>('/api/inspections')).items,
  create: (body: InspectionCreate): Promise<InspectionDto> => api.post<InspectionDto>('/api/inspections', body),
  setStream: (id: number, streamUrl: string): Promise<InspectionDto> => api.patch<InspectionDto>(`/api/inspections/${id}`, { streamUrl }),
  get: (id: number): Promise<InspectionDetail> => api.get<InspectionDetail>(`/api/inspections/${id}`),
  map: async (filter: { inspectionId?: number } = {}): Promise<MapPoint[]> => (await api.get<FindingMap>('/api/inspections/map', filter)).items,
  addFinding: (inspectionId: number, body: FindingCreate): Promise<FindingDto> => api.post<FindingDto>(`/api/inspections/${inspectionId}/findings`, body),
  addMedia: (findingId: number, file: File, meta: ClientMeta): Promise<MediaDto> =>
    api.uploadAs<MediaDto>(`/api/inspections/findings/${findingId}/media`, file, file.type || 'application/octet-stream', {
      query: { ...meta },
      headers: { 'x-filename': encodeURIComponent(file.name) },
    }),
  toProblem: (findingId: number, body: FindingProblemInput): Promise<ProblemDetail> => api.post<ProblemDetail>(`/api/inspections/findings/${findingId}/problem`, body),
};
