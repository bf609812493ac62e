import type { SupervisionSettingsInput, TaskAction, TaskCreate, TaskLight, TaskSource, TaskStatus } from '@kaoping/shared';
import { api } from '../../../api/client';

export interface UnitRef {
  id: number;
  code: string;
  name: string;
}

export interface TaskLightState {
  light: TaskLight | null;
  /** The server's reason, in Chinese; the page words it in the reader's language. */
  reason: string;
  /** Red with no corrective action since the deadline passed. */
  alert: boolean;
  /** 时序进度, 0–100. */
  expected: number;
}

/** A supervised task (督办事项) as listed. */
export interface TaskDto {
  id: number;
  title: string;
  description: string;
  source: TaskSource;
  originRef: string | null;
  originSuggestionId: number | null;
  leadUnit: UnitRef;
  coUnitIds: number[];
  coUnits: UnitRef[];
  responsibleLeader: string;
  startDate: string;
  deadline: string;
  status: TaskStatus;
  progress: number | null;
  returned: boolean;
  light: TaskLightState;
  closedAt: string | null;
}

export interface EvidenceDto {
  id: number;
  filename: string;
  mime: string;
  size: number;
  uploadedAt: string;
}

export interface TaskEventDto {
  id: number;
  action: TaskAction;
  from: TaskStatus;
  to: TaskStatus;
  actor: string;
  note: string | null;
  progress: number | null;
  at: string;
  evidence: EvidenceDto[];
}

/** One task with its milestones, every step taken, and the steps the caller may take now. */
export interface TaskDetailDto extends TaskDto {
  milestones: { id: number; title: string; dueDate: string; doneAt: string | null }[];
  events: TaskEventDto[];
  actions: TaskAction[];
}

export interface TaskFilter {
  status?: TaskStatus;
  source?: TaskSource;
  light?: TaskLight;
  leadUnitId?: number;
  q?: string;
}

export interface TaskList {
  items: TaskDto[];
  counts: Record<TaskLight | 'alert', number>;
}

export interface TaskStep {
  action: TaskAction;
  note?: string;
  progress?: number;
  evidenceIds?: number[];
}

/** Calls of the supervised tasks endpoints. */
export const tasksApi = {
  list: (filter: TaskFilter): Promise<TaskList> => api.get('/api/tasks', { ...filter }),
  get: (id: number): Promise<TaskDetailDto> => api.get(`/api/tasks/${id}`),
  create: (body: TaskCreate): Promise<TaskDto> => api.post('/api/tasks', body),
  act: (id: number, step: TaskStep): Promise<TaskDetailDto> => api.post(`/api/tasks/${id}/actions`, step),
  exportXlsx: (filter: TaskFilter): Promise<string> => api.download('/api/tasks/export.xlsx', 'tasks.xlsx', { ...filter }),
  /** Uploads one evidence file; a report or feedback then cites it by id. */
  uploadEvidence: (id: number, file: File): Promise<EvidenceDto> =>
    api.uploadAs(`/api/tasks/${id}/evidence`, file, file.type || 'application/octet-stream', { headers: { 'x-filename': encodeURIComponent(file.name) } }),
  downloadEvidence: (id: number, e: EvidenceDto): Promise<string> => api.download(`/api/tasks/${id}/evidence/${e.id}`, e.filename),
  settings: (): Promise<SettingsDto> => api.get('/api/supervision/settings'),
  saveSettings: (body: SupervisionSettingsInput): Promise<SettingsDto> => api.put('/api/supervision/settings', body),
};

/** The flow's optional steps and the light thresholds, as the server keeps them. */
export interface SettingsDto {
  flow: { leaderReview: boolean; signFor: boolean };
  lights: { blueDays: number; lagTolerance: number };
}
