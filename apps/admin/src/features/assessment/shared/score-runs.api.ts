import type { ProgressView, RankingEntry, RunDto, RunList, Scorecard } from '@kaoping/shared';
import { api } from '../../../api/client';

export type { ComponentScore, DataProblem, Explanation, ProgressRow, RankingEntry, RunDto, RunFailure, Scorecard, ScorecardIndicator } from '@kaoping/shared';

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

export interface RankingGroup {
  code: string;
  name: string;
  units: RankingEntry[];
}

export interface Rankings {
  run: RunDto;
  groups: RankingGroup[];
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

export const scoreRunsApi = {
  schemes: async (): Promise<SchemeSummary[]> => (await api.get<{ items: SchemeSummary[] }>('/api/schemes')).items,
  scheme: (id: number): Promise<SchemeWithDocument> => api.get<SchemeWithDocument>(`/api/schemes/${id}`),
  runs: async (schemeId: number): Promise<RunDto[]> => (await api.get<RunList>(`/api/schemes/${schemeId}/runs`)).items,
  /** The runs, newest first, and (for the office) the latest daily run that could not score since. */
  runList: (schemeId: number): Promise<RunList> => api.get<RunList>(`/api/schemes/${schemeId}/runs`),
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
  progress: (runId: number): Promise<ProgressView> => api.get<ProgressView>(`/api/runs/${runId}/progress`),
  exportProgress: (runId: number): Promise<string> => api.download(`/api/runs/${runId}/progress.xlsx`, `progress-${runId}.xlsx`),
  exportRankings: (runId: number): Promise<string> => api.download(`/api/runs/${runId}/export.xlsx`, `rankings-${runId}.xlsx`),
};
