import { useCallback, useMemo } from 'react';
import { Alert, Badge, Button, Card, Empty, Result, Skeleton, Tabs, Typography } from 'antd';
import { DiffOutlined } from '@ant-design/icons';
import { Navigate, useSearchParams } from 'react-router-dom';
import { useRequest } from '../../../api/use-request';
import { PAGE_PATHS } from '../../../app/access';
import { useCurrentUser } from '../../../app/auth-context';
import { ExportButton } from '../../../components/ExcelButtons';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { DataProblemsTable } from '../shared/DataProblemsTable';
import { RunInfo } from '../shared/RunInfo';
import { SchemeRunPicker } from '../shared/SchemeRunPicker';
import { canRunScoring, seesAllResults } from '../shared/result-access';
import { useResultLabels } from '../shared/result-format';
import { scoreRunsApi, type RunDto } from '../shared/score-runs.api';
import { useSchemeRun, type SchemeRunState } from '../shared/use-scheme-run';
import { CompareView } from './CompareView';
import { RankingsView } from './RankingsView';
import { RunScoringButton } from './RunScoringButton';
import { TrendView } from './TrendView';

/** The path of a unit's scorecard in a run, keeping the chosen scheme. */
export const scorecardPath = (runId: number, unitId: number, schemeId?: number): string =>
  `${PAGE_PATHS.assessmentResults}/${runId}/units/${unitId}${schemeId ? `?scheme=${schemeId}` : ''}`;

/**
 * 得分排名: rankings per group of a chosen score run, what changed since the previous run and why,
 * and trends across runs. A unit's own people go straight to their scorecard.
 */
export function ResultsPage() {
  const user = useCurrentUser();
  const state = useSchemeRun();
  return seesAllResults(user.role) ? <CityResults state={state} /> : <OwnUnitRedirect state={state} />;
}

function OwnUnitRedirect({ state }: { state: SchemeRunState }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  if (!user.unit) return <Result status="info" title={t('results.noUnit')} />;
  if (state.run) return <Navigate to={scorecardPath(state.run.id, user.unit.id, state.scheme?.id)} replace />;
  return (
    <>
      <PageHeader title={t('menu.assessmentResults')} extra={<SchemeRunPicker state={state} />} />
      {state.error !== null && <LoadError error={state.error} onRetry={state.reload} />}
      {state.loading ? <Skeleton active /> : <Card><Empty description={t('results.noRuns')} /></Card>}
    </>
  );
}

type TabKey = 'rankings' | 'changes' | 'trend';

function CityResults({ state }: { state: SchemeRunState }) {
  const { t, groupName } = useI18n();
  const user = useCurrentUser();
  const { runLabel, runShortLabel } = useResultLabels();
  const [params, setParams] = useSearchParams();
  const { run, scheme, runs } = state;

  const tab: TabKey = (['rankings', 'changes', 'trend'] as const).find((k) => k === params.get('tab')) ?? 'rankings';
  const setParam = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k);
          else next.set(k, v);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const baselines = useMemo(() => (run ? runs.filter((r) => r.id < run.id) : []), [runs, run]);
  const fromParam = Number(params.get('from'));
  const fromId = baselines.find((r) => r.id === fromParam)?.id ?? state.previousRun?.id;

  const rankings = useRequest(() => scoreRunsApi.rankings(run!.id), `rankings:${run?.id ?? ''}`, run !== undefined);
  const comparison = useRequest(() => scoreRunsApi.compare(fromId!, run!.id), `compare:${fromId ?? ''}:${run?.id ?? ''}`, run !== undefined && fromId !== undefined);
  const groups = useRequest(unitsApi.groups, 'groups');
  const rankingData = rankings.data?.run.id === run?.id ? rankings.data : undefined;
  const comparisonData = comparison.data?.to.id === run?.id && comparison.data?.from.id === fromId ? comparison.data : undefined;

  const groupLabel = useCallback(
    (code: string, fallback: string) => {
      const g = groups.data?.find((x) => x.code === code);
      return g ? groupName(g) : fallback;
    },
    [groups.data, groupName],
  );
  const groupOfUnit = useCallback(
    (unitId: number) => {
      const g = rankingData?.groups.find((x) => x.units.some((u) => u.unitId === unitId));
      return g ? { code: g.code, label: groupLabel(g.code, g.name) } : undefined;
    },
    [rankingData, groupLabel],
  );
  const pathTo = useCallback((unitId: number) => scorecardPath(run?.id ?? 0, unitId, scheme?.id), [run, scheme]);
  const trendUnits = useMemo(() => (rankingData?.groups ?? []).flatMap((g) => g.units.map((u) => ({ unitId: u.unitId, code: u.code, name: u.name }))), [rankingData]);
  const trendDefault = useMemo(() => (rankingData?.groups[0]?.units ?? []).slice(0, 5).map((u) => u.unitId), [rankingData]);

  const afterRun = (created: RunDto) => {
    state.reload();
    setParam({ run: String(created.id), from: null, tab: 'changes' });
  };

  const changeCount = comparisonData?.changes.length ?? 0;
  return (
    <>
      <PageHeader
        title={t('menu.assessmentResults')}
        subtitle={t('results.subtitle')}
        extra={
          <>
            <SchemeRunPicker state={state} />
            {run && <ExportButton run={() => scoreRunsApi.exportRankings(run.id)} />}
            {scheme && canRunScoring(user.role) && <RunScoringButton scheme={scheme} onDone={afterRun} />}
          </>
        }
      />
      {state.error !== null && <LoadError error={state.error} onRetry={state.reload} />}
      {rankings.error !== null && <LoadError error={rankings.error} onRetry={rankings.reload} />}
      {state.failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="run-failure"
          title={t('results.runFailed', { asOf: state.failure.asOf, count: state.failure.count })}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 8 }}>{t('results.unscorableHint')}</Typography.Paragraph>
              <DataProblemsTable problems={state.failure.problems} />
            </>
          }
        />
      )}
      {!state.loading && state.schemes.length === 0 && (
        <Card>
          <Empty description={t('results.noSchemes')} />
        </Card>
      )}
      {!state.loading && scheme && runs.length === 0 && (
        <Card>
          <Empty description={canRunScoring(user.role) ? t('results.noRunsOffice') : t('results.noRuns')} />
        </Card>
      )}
      {run && (
        <Card styles={{ body: { paddingTop: 12 } }}>
          <RunInfo run={run} />
          {comparisonData && changeCount > 0 && tab !== 'changes' && (
            <Alert
              type="warning"
              showIcon
              icon={<DiffOutlined />}
              style={{ marginTop: 12 }}
              data-testid="changes-banner"
              title={t('results.changesBanner', { count: changeCount, from: comparisonData.from.asOf })}
              action={
                <Button size="small" type="primary" ghost onClick={() => setParam({ tab: 'changes' })} data-testid="open-changes">
                  {t('results.viewChanges')}
                </Button>
              }
            />
          )}
          <Tabs
            activeKey={tab}
            onChange={(k) => setParam({ tab: k })}
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'rankings',
                label: <span data-testid="tab-rankings">{t('results.tabRankings')}</span>,
                children: (
                  <RankingsView
                    groups={rankingData?.groups ?? []}
                    groupName={groupLabel}
                    scorecardPath={pathTo}
                    loading={rankings.loading && !rankingData}
                    downloadGroup={rankingData ? (group, format) => scoreRunsApi.groupScorecards(rankingData.run.id, group, format) : undefined}
                    runId={rankingData?.run.id}
                  />
                ),
              },
              {
                key: 'changes',
                label: (
                  <span data-testid="tab-changes">
                    {t('results.tabChanges')} <Badge count={changeCount} size="small" color={changeCount ? '#fa8c16' : undefined} showZero={false} />
                  </span>
                ),
                children: (
                  <>
                    {comparison.error !== null && <LoadError error={comparison.error} onRetry={comparison.reload} />}
                    <CompareView
                      comparison={comparisonData}
                      loading={comparison.loading}
                      baselines={baselines}
                      fromId={fromId}
                      onFromChange={(id) => setParam({ from: String(id) })}
                      scorecardPath={pathTo}
                      runLabel={runLabel}
                      runShortLabel={runShortLabel}
                      groupOf={groupOfUnit}
                    />
                  </>
                ),
              },
              {
                key: 'trend',
                label: <span data-testid="tab-trend">{t('results.tabTrend')}</span>,
                children: scheme && trendUnits.length > 0 && <TrendView key={scheme.id} schemeId={scheme.id} units={trendUnits} defaultUnitIds={trendDefault} />,
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
