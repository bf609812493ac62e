import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useRequest } from '../../../api/use-request';
import { scoreRunsApi, type RunDto, type RunFailure, type SchemeSummary } from './score-runs.api';

/** Published schemes first, then archived; newest year and version first. Drafts are never scored. */
export function scoredSchemes(all: readonly SchemeSummary[]): SchemeSummary[] {
  const rank = (s: SchemeSummary) => (s.status === 'published' ? 0 : 1);
  return all.filter((s) => s.status !== 'draft').sort((a, b) => rank(a) - rank(b) || b.year - a.year || b.version - a.version || b.id - a.id);
}

export interface SchemeRunState {
  schemes: SchemeSummary[];
  scheme: SchemeSummary | undefined;
  /** Newest first, as the API lists them. */
  runs: RunDto[];
  run: RunDto | undefined;
  /** The run before the chosen one (the next older), which comparisons default to. */
  previousRun: RunDto | undefined;
  /** The latest daily run that could not score since the newest run (shown to the office). */
  failure: RunFailure | null;
  loading: boolean;
  error: unknown;
  reload(): void;
  setScheme(id: number): void;
  setRun(id: number): void;
}

const num = (s: string | null): number | undefined => {
  const n = Number(s);
  return s && Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * The scheme and score run a results page shows, kept in the address (`?scheme=&run=`) so that a
 * view can be shared and reloaded: by default the newest published scheme and its newest run.
 */
export function useSchemeRun(): SchemeRunState {
  const [params, setParams] = useSearchParams();
  const schemesReq = useRequest(scoreRunsApi.schemes, 'schemes');
  const schemes = useMemo(() => scoredSchemes(schemesReq.data ?? []), [schemesReq.data]);
  const wantedScheme = num(params.get('scheme'));
  const scheme = schemes.find((s) => s.id === wantedScheme) ?? schemes[0];

  const runsReq = useRequest(() => (scheme ? scoreRunsApi.runList(scheme.id) : Promise.resolve({ items: [], failure: null })), `runs:${scheme?.id ?? ''}`, scheme !== undefined);
  const current = scheme && runsReq.data && runsReq.data.items.every((r) => r.schemeId === scheme.id) ? runsReq.data : undefined;
  const runs = useMemo(() => current?.items ?? [], [current]);
  const wantedRun = num(params.get('run'));
  const run = runs.find((r) => r.id === wantedRun) ?? runs[0];
  const previousRun = run ? runs[runs.indexOf(run) + 1] : undefined;

  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const { reload: reloadSchemes } = schemesReq;
  const { reload: reloadRuns } = runsReq;
  return {
    schemes,
    scheme,
    runs,
    run,
    previousRun,
    failure: current?.failure ?? null,
    loading: schemesReq.loading || runsReq.loading,
    error: schemesReq.error ?? runsReq.error,
    reload: useCallback(() => {
      reloadSchemes();
      reloadRuns();
    }, [reloadSchemes, reloadRuns]),
    setScheme: useCallback((id: number) => update({ scheme: String(id), run: null, from: null }), [update]),
    setRun: useCallback((id: number) => update({ run: String(id), from: null }), [update]),
  };
}
