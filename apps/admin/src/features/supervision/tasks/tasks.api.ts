import type {
  SupervisionSettings,
  SupervisionSettingsInput,
  TaskAction,
  TaskCreate,
  TaskDetailDto,
  TaskDto,
  TaskEvidenceDto,
  TaskFromOrigin,
  TaskLight,
  TaskList,
  TaskSource,
  TaskStatus,
} from '@kaoping/shared';
import { api } from '../../../api/client';

export type { TaskDetailDto, TaskDto, TaskEventDto, TaskEvidenceDto as EvidenceDto } from '@kaoping/shared';

export interface TaskFilter {
  status?: TaskStatus;
  source?: TaskSource;
  light?: TaskLight;
  leadUnitId?: number;
  q?: string;
  /** Only red tasks nobody acts on (预警). */
  alert?: 1;
  /** Open tasks due in [dueFrom, dueBy]. */
  dueFrom?: string;
  dueBy?: string;
  /** 实名制: tasks this leader answers for. */
  leader?: string;
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
  /** One step from a ranking row, a lag row, a finding or a suggestion to a task linked to it. */
  fromOrigin: (body: TaskFromOrigin): Promise<TaskDto> => api.post('/api/tasks/from-origin', body),
  act: (id: number, step: TaskStep): Promise<TaskDetailDto> => api.post(`/api/tasks/${id}/actions`, step),
  exportXlsx: (filter: TaskFilter): Promise<string> => api.download('/api/tasks/export.xlsx', 'tasks.xlsx', { ...filter }),
  /** Uploads one evidence file; a report or feedback then cites it by id. */
  uploadEvidence: (id: number, file: File): Promise<TaskEvidenceDto> =>
    api.uploadAs(`/api/tasks/${id}/evidence`, file, file.type || 'application/octet-stream', { headers: { 'x-filename': encodeURIComponent(file.name) } }),
  downloadEvidence: (id: number, e: TaskEvidenceDto): Promise<string> => api.download(`/api/tasks/${id}/evidence/${e.id}`, e.filename),
  settings: (): Promise<SupervisionSettings> => api.get('/api/supervision/settings'),
  saveSettings: (body: SupervisionSettingsInput): Promise<SupervisionSettings> => api.put('/api/supervision/settings', body),
};
