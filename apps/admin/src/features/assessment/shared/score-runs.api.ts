import type { ProgressView, Rankings, RunComparison, RunDto, RunList, Scorecard, SchemeDto, SchemeSummary, TrendPoint } from '@kaoping/shared';
import { api } from '../../../api/client';

export type {
  ComponentScore,
  DataProblem,
  Explanation,
  ProgressRow,
  RankingEntry,
  RankingGroup,
  Rankings,
  RunComparison,
  RunDto,
  RunFailure,
  Scorecard,
  ScorecardIndicator,
  SchemeSummary,
  TrendPoint,
  UnitChange,
} from '@kaoping/shared';

/*
 * Calls of the score-run endpoints (apps/api/src/modules/scores), shared by the rankings, scorecard
 * and 时序进度 pages; the answers' shapes are the API's own, from packages/shared.
 */

export const scoreRunsApi = {
  schemes: async (): Promise<SchemeSummary[]> => (await api.get<{ items: SchemeSummary[] }>('/api/schemes')).items,
  scheme: (id: number): Promise<SchemeDto> => api.get<SchemeDto>(`/api/schemes/${id}`),
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
