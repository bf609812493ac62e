import { api } from '../../../api/client';
import type { ProblemDetail } from '../problems/problems.api';

export interface InspectionDto {
  id: number;
  inspectedOn: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  inspector: string;
  notes: string;
  /** 连线项目现场: a live stream of the place (HLS .m3u8), or null. */
  streamUrl: string | null;
  findings: number;
  problems: number;
  createdAt: string;
}

/** A photo or video of a finding; time and place are read from the file where it has them. */
export interface MediaDto {
  id: number;
  findingId: number;
  kind: 'image' | 'video';
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  takenAt: string | null;
  takenAtSource: 'file' | 'client' | null;
  latitude: number | null;
  longitude: number | null;
  locationSource: 'file' | 'client' | null;
  url: string;
  thumbnailUrl: string | null;
  uploadedAt: string;
}

export interface FindingDto {
  id: number;
  inspectionId: number;
  title: string;
  description: string;
  unitId: number | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  observedAt: string | null;
  problem: { id: number; status: string } | null;
  media: MediaDto[];
}

export interface InspectionDetail extends InspectionDto {
  items: FindingDto[];
}

/** A finding with a place on the map: its own, or that of its first located photo or video. */
export interface MapPoint {
  id: number;
  inspectionId: number;
  inspectedOn: string;
  title: string;
  unitId: number | null;
  place: string;
  latitude: number;
  longitude: number;
  locatedBy: 'finding' | 'media';
  observedAt: string | null;
  mediaCount: number;
  thumbnailUrl: string | null;
  problem: { id: number; status: string } | null;
}

export interface InspectionBody {
  inspectedOn: string;
  place: string;
  inspector: string;
  notes?: string;
}

export interface FindingBody {
  title: string;
  description?: string;
  unitId?: number;
  place?: string;
  observedAt?: string;
  latitude?: number;
  longitude?: number;
}

export interface FindingProblemBody {
  title?: string;
  unitId?: number;
  responsibleLeader: string;
  deadline: string;
  requirements: string[];
}

/** What the phone knows of a file, used by the server only where the file itself says nothing. */
export interface ClientMeta {
  takenAt?: string;
  /** Where the phone was, used only where the file says nothing about its place. */
  latitude?: number;
  longitude?: number;
}

/** Calls of the undercover inspection endpoints. */
export const inspectionsApi = {
  list: async (): Promise<InspectionDto[]> => (await api.get<{ items: InspectionDto[] }>('/api/inspections')).items,
  create: (body: InspectionBody): Promise<InspectionDto> => api.post<InspectionDto>('/api/inspections', body),
  setStream: (id: number, streamUrl: string): Promise<InspectionDto> => api.patch<InspectionDto>(`/api/inspections/${id}`, { streamUrl }),
  get: (id: number): Promise<InspectionDetail> => api.get<InspectionDetail>(`/api/inspections/${id}`),
  map: async (filter: { inspectionId?: number } = {}): Promise<MapPoint[]> => (await api.get<{ items: MapPoint[] }>('/api/inspections/map', filter)).items,
  addFinding: (inspectionId: number, body: FindingBody): Promise<FindingDto> => api.post<FindingDto>(`/api/inspections/${inspectionId}/findings`, body),
  addMedia: (findingId: number, file: File, meta: ClientMeta): Promise<MediaDto> =>
    api.uploadAs<MediaDto>(`/api/inspections/findings/${findingId}/media`, file, file.type || 'application/octet-stream', {
      query: { ...meta },
      headers: { 'x-filename': encodeURIComponent(file.name) },
    }),
  toProblem: (findingId: number, body: FindingProblemBody): Promise<ProblemDetail> => api.post<ProblemDetail>(`/api/inspections/findings/${findingId}/problem`, body),
};
