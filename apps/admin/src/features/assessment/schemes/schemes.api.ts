import type { SchemeDocument } from '@kaoping/shared';
import { api } from '../../../api/client';

export type SchemeStatus = 'draft' | 'published' | 'archived';
export type PeriodStatus = 'pending' | 'open' | 'closed' | 'locked';
export type ExportFormat = 'yaml' | 'json' | 'xlsx';

/** A scheme version as the API lists it; `document` only when one scheme is read. */
export interface SchemeDto {
  id: number;
  code: string;
  version: number;
  name: string;
  year: number;
  status: SchemeStatus;
  publishedAt: string | null;
  updatedAt: string;
  leafCount: number;
  document?: SchemeDocument;
}

/** A reporting period of a published scheme. */
export interface PeriodDto {
  id: number;
  frequency: string;
  key: string;
  label: string;
  start: string;
  end: string;
  status: PeriodStatus;
}

/** One problem of an imported scheme, located by its path in the document. */
export interface SchemeIssue {
  path: string;
  message: string;
}

/** How a scheme file is sent: JSON and YAML as text, Excel as bytes. */
function fileKind(name: string): 'json' | 'yaml' | 'xlsx' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

const CONTENT_TYPES = {
  json: 'application/json',
  yaml: 'application/yaml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Calls of the schemes and periods endpoints. */
export const schemesApi = {
  list: async (): Promise<SchemeDto[]> => (await api.get<{ items: SchemeDto[] }>('/api/schemes')).items,
  get: (id: number): Promise<SchemeDto> => api.get<SchemeDto>(`/api/schemes/${id}`),
  periods: async (id: number): Promise<PeriodDto[]> => (await api.get<{ items: PeriodDto[] }>(`/api/schemes/${id}/periods`)).items,
  setPeriodStatus: (periodId: number, status: Exclude<PeriodStatus, 'pending'>): Promise<unknown> =>
    api.patch(`/api/periods/${periodId}`, { status }),
  /** Imports a YAML, JSON or Excel file as the draft of its scheme code; null when the file type is not one of those. */
  importFile: (file: File): Promise<SchemeDto> | null => {
    const kind = fileKind(file.name);
    if (!kind) return null;
    return api.uploadAs<SchemeDto>('/api/schemes', file, CONTENT_TYPES[kind]);
  },
  publish: (id: number): Promise<SchemeDto> => api.post<SchemeDto>(`/api/schemes/${id}/publish`),
  newVersion: (id: number): Promise<SchemeDto> => api.post<SchemeDto>(`/api/schemes/${id}/versions`),
  exportFile: (s: Pick<SchemeDto, 'id' | 'code' | 'version'>, format: ExportFormat): Promise<string> =>
    api.download(`/api/schemes/${s.id}/export`, `${s.code}-v${s.version}.${format}`, { format }),
};

/** The issues of a rejected scheme document, read from an error's details. */
export function schemeIssues(details: unknown): SchemeIssue[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is SchemeIssue => typeof d === 'object' && d !== null && typeof (d as SchemeIssue).path === 'string' && typeof (d as SchemeIssue).message === 'string',
  );
}
