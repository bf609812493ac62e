import { api } from '../../../api/client';

/*
 * Calls and response shapes of the score-run endpoints (apps/api/src/modules/scores), shared by
 * the rankings, scorecard and 时序进度 pages.
 */

/** A scheme version as listed by GET /api/schemes (the document only on GET /api/schemes/:id). */
export interface SchemeSummary {
  id: number;
  code: string;
  version: number;
  name: string;
  year: number;
  status: 'draft' | 'published' | 'archived';
  publishedAt: string | null;
  updatedAt: string;
  leafCount: number;
}

/** The parts of a scheme document these pages read: the indicator tree and the components. */
export interface SchemeTreeNode {
  code: string;
  name: string;
  points: number;
  component?: string;
  children?: SchemeTreeNode[];
}

export interface SchemeWithDocument extends SchemeSummary {
  document?: { total: number; components: { code: string; name: string; points: number; source?: string }[]; indicators: SchemeTreeNode[] };
}

export interface RunDto {
  id: number;
  schemeId: number;
  schemeVersion: number;
  asOf: string;
  inputsHash: string;
  trigger: string;
  createdAt: string;
  durationMs: number;
  unitCount: number;
}

export interface ComponentScore {
  code: string;
  name: string;
  points: number;
  max: number;
  note?: string;
}

export interface RankingEntry {
  unitId: number;
  code: string;
  name: string;
  total: number;
  rank: number;
  grade: string;
  baseGrade: string;
  vetoed: boolean;
  bonus: number;
  deductions: number;
  components: ComponentScore[];
}

export interface RankingGroup {
  code: string;
  name: string;
  units: RankingEntry[];
}

export interface Rankings {
  run: RunDto;
  groups: RankingGroup[];
}

/** How one number was reached (see @kaoping/scoring's Explanation). */
export interface Explanation {
  method: string;
  inputs: Record<string, number | string | null>;
  rule: string;
  steps: string[];
  result: number;
  notes?: string[];
  progress?: { completion: number; expected: number; lag: number; lagging: boolean; text: string } | null;
}

export interface ScorecardIndicator {
  indicatorId: number;
  code: string;
  name: string;
  component: string;
  maxPoints: number;
  points: number;
  actual: number | null;
  target: number | null;
  lag: number | null;
  explanation: Explanation;
}

export interface Scorecard {
  run: RunDto;
  unit: RankingEntry & {
    group: string;
    groupSize: number;
    explanation: { steps: string[]; notes: string[]; grade: { rule: string; steps: string[]; notes?: string[] } };
  };
  indicators: ScorecardIndicator[];
}

export interface UnitChange {
  unitId: number;
  code: string;
  name: string;
  from: { total: number; rank: number; grade: string } | null;
  to: { total: number; rank: number; grade: string } | null;
  indicators: { code: string; name: string; from: number | null; to: number | null; why: string[] }[];
  /** Components whose points moved, with the reason the run gives (e.g. the public evaluation). */
  components: { code: string; name: string; from: number | null; to: number | null; why: string[] }[];
}

export interface RunComparison {
  from: RunDto;
  to: RunDto;
  changes: UnitChange[];
}

export interface TrendPoint {
  asOf: string;
  runId: number;
  unitId: number;
  total: number;
  rank: number;
}

export interface ProgressRow {
  indicatorId: number;
  code: string;
  name: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  completion: number;
  expected: number;
  lag: number;
  lagging: boolean;
}

export const scoreRunsApi = {
  schemes: async (): Promise<SchemeSummary[]> => (await api.get<{ items: SchemeSummary[] }>('/api/schemes')).items,
  scheme: (id: number): Promise<SchemeWithDocument> => api.get<SchemeWithDocument>(`/api/schemes/${id}`),
  runs: async (schemeId: number): Promise<RunDto[]> => (await api.get<{ items: RunDto[] }>(`/api/schemes/${schemeId}/runs`)).items,
  /** Scores now; the as-of date defaults on the server to today within the scheme year, else its last day. */
  runScoring: (schemeId: number, asOf?: string): Promise<RunDto> => api.post<RunDto>(`/api/schemes/${schemeId}/runs`, asOf ? { asOf } : {}),
  rankings: (runId: number): Promise<Rankings> => api.get<Rankings>(`/api/runs/${runId}`),
  scorecard: (runId: number, unitId: number): Promise<Scorecard> => api.get<Scorecard>(`/api/runs/${runId}/units/${unitId}`),
  /** A unit's scorecard as a document (PDF or Word), rendered by the server in the official layout. */
  scorecardDocument: (runId: number, unitId: number, format: 'pdf' | 'docx'): Promise<string> =>
    api.download(`/api/runs/${runId}/units/${unitId}/scorecard`, `scorecard.${format}`, { format }),
  /** Every unit of a group in one document, after the group's ranking. */
  groupScorecards: (runId: number, group: string, format: 'pdf' | 'docx'): Promise<string> =>
    api.download(`/api/runs/${runId}/groups/${encodeURIComponent(group)}/scorecards`, `scorecards.${format}`, { format }),
  compare: (from: number, to: number): Promise<RunComparison> => api.get<RunComparison>('/api/runs/compare', { from, to }),
  trend: async (schemeId: number, unitId?: number): Promise<TrendPoint[]> =>
    (await api.get<{ items: TrendPoint[] }>(`/api/schemes/${schemeId}/trend`, { unitId })).items,
  progress: (runId: number): Promise<{ run: RunDto; rows: ProgressRow[] }> => api.get<{ run: RunDto; rows: ProgressRow[] }>(`/api/runs/${runId}/progress`),
  exportRankings: (runId: number): Promise<string> => api.download(`/api/runs/${runId}/export.xlsx`, `rankings-${runId}.xlsx`),
};
