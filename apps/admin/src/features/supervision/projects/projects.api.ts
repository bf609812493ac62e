import type { ProjectCategory, ProjectCreate, ProjectRateName, ProjectReport, ProjectUpdate } from '@kaoping/shared';
import { api } from '../../../api/client';

export type PaymentBasis = 'completedInvestment' | 'allocated' | 'audited';
export type ProgressBasis = 'month' | 'day';

/** A project of the register (amounts in 万元). */
export interface ProjectDto {
  id: number;
  code: string;
  name: string;
  category: ProjectCategory;
  categoryLabel: string;
  year: number;
  unit: { id: number; code: string; name: string };
  responsibleLeader: string;
  plannedStart: string;
  annualPlan: number;
  totalInvestment: number;
  fundsAllocated: number;
}

/** One rate against what is expected by the month (a share: 0.85 = 85%). */
export interface RateView {
  value: number | null;
  numerator: number;
  denominator: number;
  expected: number;
  expectedBasis: 'schedule' | 'plan';
  lag: number | null;
  lagging: boolean;
  explanation: { rule: string; steps: string[]; notes?: string[] };
}

export type RateSet = Record<ProjectRateName, RateView>;

export interface RateSummary {
  projectCount: number;
  reported: number;
  plannedToStart: number;
  started: number;
  startedAhead: number;
  lagging: ProjectRateName[];
  rates: RateSet;
}

export interface ProjectSettings {
  paymentBasis: PaymentBasis;
  paymentBasisLabel: string;
  progressBasis: ProgressBasis;
}

/** A project with its rates as of the month and the supervised tasks made from it. */
export interface RatedProject extends ProjectDto {
  reportMonth: string | null;
  started: boolean;
  lagging: ProjectRateName[];
  rates: RateSet;
  tasks: { id: number; status: string }[];
}

/** The rates as of a month: per project, per unit and overall, with 时序进度. */
export interface RatesResponse {
  asOf: string;
  scope: 'city' | 'unit';
  schedule: { value: number; text: string; basis: ProgressBasis };
  settings: ProjectSettings;
  projects: RatedProject[];
  units: (RateSummary & { unit: { id: number; code: string; name: string } })[];
  overall: RateSummary;
}

export interface ReportDto {
  id: number;
  month: string;
  completedInvestment: number;
  fundsInPlace: number;
  fundsPaid: number;
  auditedAmount: number | null;
  started: boolean;
  startedOn: string | null;
  note: string | null;
  reportedBy: string;
  updatedAt: string;
}

export interface ProjectDetail extends ProjectDto {
  reports: ReportDto[];
  tasks: { id: number; title: string; status: string; deadline: string }[];
}

export interface ProjectFilter {
  year?: number;
  unitId?: number;
  category?: ProjectCategory;
}

export const projectsApi = {
  list: (f: ProjectFilter): Promise<{ items: ProjectDto[]; latestReportMonth: string | null }> => api.get('/api/projects', { ...f }),
  rates: (asOf: string, f: { unitId?: number; category?: ProjectCategory } = {}): Promise<RatesResponse> => api.get('/api/projects/rates', { asOf, ...f }),
  get: (id: number): Promise<ProjectDetail> => api.get(`/api/projects/${id}`),
  create: (body: ProjectCreate): Promise<ProjectDto> => api.post('/api/projects', body),
  update: (id: number, body: ProjectUpdate): Promise<ProjectDto> => api.patch(`/api/projects/${id}`, body),
  saveReport: (id: number, month: string, body: ProjectReport): Promise<ReportDto> => api.put(`/api/projects/${id}/reports/${month}`, body),
  settings: (): Promise<ProjectSettings> => api.get('/api/projects/settings'),
  saveSettings: (body: { paymentBasis: PaymentBasis; progressBasis: ProgressBasis }): Promise<ProjectSettings> => api.put('/api/projects/settings', body),
  makeTask: (id: number, body: { deadline: string; title?: string; asOf?: string }): Promise<{ id: number; title: string }> => api.post(`/api/projects/${id}/task`, body),
  exportXlsx: (f: ProjectFilter): Promise<string> => api.download('/api/projects/export.xlsx', '重大项目.xlsx', { ...f }),
  template: (): Promise<string> => api.download('/api/projects/template.xlsx', '重大项目导入模板.xlsx'),
  importXlsx: (file: Blob): Promise<{ created: number; updated: number }> => api.upload('/api/projects/import', file),
};
