import type { PeriodStatusChange, ReportingPeriod, SchemeDto, SchemeIssue } from '@kaoping/shared';
import { api } from '../../../api/client';

export type { ReportingPeriod as PeriodDto, SchemeDto, SchemeIssue, SchemeStatus } from '@kaoping/shared';
export type PeriodStatus = ReportingPeriod['status'];
export type ExportFormat = 'yaml' | 'json' | 'xlsx';

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
  periods: async (id: number): Promise<ReportingPeriod[]> => (await api.get<{ items: ReportingPeriod[] }>(`/api/schemes/${id}/periods`)).items,
  setPeriodStatus: (periodId: number, status: Exclude<PeriodStatus, 'pending'>): Promise<PeriodStatusChange> =>
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
