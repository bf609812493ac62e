import type {
  PaymentBasis,
  ProgressBasis,
  ProjectCategory,
  ProjectCreate,
  ProjectDetail,
  ProjectDto,
  ProjectImportResult,
  ProjectList,
  ProjectReport,
  ProjectSettings,
  ProjectUpdate,
  RatesResponse,
  ReportDto,
  TaskDto,
} from '@kaoping/shared';
import { api } from '../../../api/client';

export type { PaymentBasis, ProgressBasis, ProjectDto, ProjectSettings, RatedProject, RateSummary, RatesResponse, RateView, ReportDto } from '@kaoping/shared';

export interface ProjectFilter {
  year?: number;
  unitId?: number;
  category?: ProjectCategory;
}

export const projectsApi = {
  list: (f: ProjectFilter): Promise<ProjectList> => api.get('/api/projects', { ...f }),
  rates: (asOf: string, f: { unitId?: number; category?: ProjectCategory } = {}): Promise<RatesResponse> => api.get('/api/projects/rates', { asOf, ...f }),
  get: (id: number): Promise<ProjectDetail> => api.get(`/api/projects/${id}`),
  create: (body: ProjectCreate): Promise<ProjectDto> => api.post('/api/projects', body),
  update: (id: number, body: ProjectUpdate): Promise<ProjectDto> => api.patch(`/api/projects/${id}`, body),
  saveReport: (id: number, month: string, body: ProjectReport): Promise<ReportDto> => api.put(`/api/projects/${id}/reports/${month}`, body),
  settings: (): Promise<ProjectSettings> => api.get('/api/projects/settings'),
  saveSettings: (body: { paymentBasis: PaymentBasis; progressBasis: ProgressBasis }): Promise<ProjectSettings> => api.put('/api/projects/settings', body),
  makeTask: (id: number, body: { deadline: string; title?: string; asOf?: string }): Promise<TaskDto> => api.post(`/api/projects/${id}/task`, body),
  exportXlsx: (f: ProjectFilter): Promise<string> => api.download('/api/projects/export.xlsx', '重大项目.xlsx', { ...f }),
  template: (): Promise<string> => api.download('/api/projects/template.xlsx', '重大项目导入模板.xlsx'),
  importXlsx: (file: Blob): Promise<ProjectImportResult> => api.upload('/api/projects/import', file),
};
