import { useMemo, useState, type HTMLAttributes } from 'react';
import { Card, Col, Empty, Flex, Row, Select, Skeleton, Statistic, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router-dom';
import { useRequest } from '../../../api/use-request';
import { ExportButton } from '../../../components/ExcelButtons';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { scorecardPath } from '../results/ResultsPage';
import type { AssessmentChartOption } from '../shared/EChart';
import { LazyChart } from '../shared/LazyChart';
import { RunInfo } from '../shared/RunInfo';
import { SchemeRunPicker } from '../shared/SchemeRunPicker';
import { fmtPct } from '../shared/result-format';
import { scoreRunsApi, type ProgressRow } from '../shared/score-runs.api';
import { useSchemeRun } from '../shared/use-scheme-run';
import { useCurrentUser } from '../../../app/auth-context';
import { canMakeTask } from '../../../app/access';
import { MakeTaskButton } from '../../supervision/tasks/MakeTaskButton';

const LAG_COLOR = '#ff4d4f';
const OK_COLOR = '#52c41a';

/** Lag in percentage points with its sign, e.g. +7.33 / −2.10. */
const fmtLag = (lag: number) => {
  const pp = Math.round(lag * 10000) / 100;
  return `${pp > 0 ? '+' : pp < 0 ? '−' : ''}${Math.abs(pp).toFixed(2)}`;
};

/**
 * 时序进度: for each progress indicator of a run, every unit's completion against the expected
 * line (the elapsed share of the year, by months or by days as the scheme says, and shown); units
 * behind it are shown in red.
 */
export function ProgressPage() {
  const { t } = useI18n();
  const state = useSchemeRun();
  const { run, scheme } = state;
  const progress = useRequest(() => scoreRunsApi.progress(run!.id), `progress:${run?.id ?? ''}`, run !== undefined);
  const units = useRequest(unitsApi.list, 'units');
  const rows = useMemo(() => (progress.data?.run.id === run?.id ? (progress.data?.rows ?? []) : []), [progress.data, run]);

  const indicators = useMemo(() => {
    const list: { id: number; code: string; name: string; total: number; lagging: number }[] = [];
    for (const r of rows) {
      let i = list.find((x) => x.id === r.indicatorId);
      if (!i) list.push((i = { id: r.indicatorId, code: r.code, name: r.name, total: 0, lagging: 0 }));
      i.total += 1;
      if (r.lagging) i.lagging += 1;
    }
    return list;
  }, [rows]);
  // `?indicator=ID` opens on that indicator (how the workbench links to who is behind on it).
  const [params] = useSearchParams();
  const [picked, setPicked] = useState<number | undefined>(Number(params.get('indicator')) || undefined);
  const indicator = indicators.find((i) => i.id === picked) ?? indicators[0];

  return (
    <>
      <PageHeader
        title={t('menu.assessmentProgress')}
        subtitle={t('results.progressSubtitle')}
        extra={
          <>
            <SchemeRunPicker state={state} />
            {run && <ExportButton run={() => scoreRunsApi.exportProgress(run.id)} />}
          </>
        }
      />
      {state.error !== null && <LoadError error={state.error} onRetry={state.reload} />}
      {progress.error !== null && <LoadError error={progress.error} onRetry={progress.reload} />}
      {!state.loading && !run && (
        <Card>
          <Empty description={state.schemes.length ? t('results.noRuns') : t('results.noSchemes')} />
        </Card>
      )}
      {run && (
        <Card styles={{ body: { paddingTop: 12 } }}>
          <RunInfo run={run} />
          {progress.loading && rows.length === 0 ? (
            <Skeleton active style={{ marginTop: 16 }} />
          ) : indicators.length === 0 ? (
            <Empty style={{ marginTop: 24 }} description={t('results.noProgressIndicators')} />
          ) : (
            <Tabs
              style={{ marginTop: 8 }}
              activeKey={indicator ? String(indicator.id) : undefined}
              onChange={(k) => setPicked(Number(k))}
              data-testid="progress-indicators"
              items={indicators.map((i) => ({
                key: String(i.id),
                label: (
                  <span data-testid={`progress-tab-${i.code}`}>
                    {i.name}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.code}
                    </Typography.Text>{' '}
                    {i.lagging > 0 ? (
                      <Tag color="error" style={{ marginInlineStart: 4 }}>
                        {t('results.laggingCount', { count: i.lagging })}
                      </Tag>
                    ) : (
                      <Tag color="success" style={{ marginInlineStart: 4 }}>
                        {t('results.onTrack')}
                      </Tag>
                    )}
                  </span>
                ),
                children: (
                  <IndicatorProgress
                    key={i.id}
                    rows={rows.filter((r) => r.indicatorId === i.id)}
                    groupOf={(unitId) => units.data?.find((u) => u.id === unitId)?.group}
                    pathTo={(unitId) => scorecardPath(run.id, unitId, scheme?.id)}
                    runId={run.id}
                  />
                ),
              }))}
            />
          )}
        </Card>
      )}
    </>
  );
}

interface GroupRef {
  code: string;
  name: string;
  nameEn: string | null;
}

function IndicatorProgress({ rows, groupOf, pathTo, runId }: { rows: ProgressRow[]; groupOf(unitId: number): GroupRef | undefined; pathTo(unitId: number): string; runId: number }) {
  const { t, groupName } = useI18n();
  const { role } = useCurrentUser();
  const [group, setGroup] = useState<string>('all');
  const [laggingOnly, setLaggingOnly] = useState(false);
  const expected = rows[0]?.expected ?? 0;
  const basis = rows[0]?.basis ?? 'day';

  const groups = useMemo(() => {
    const m = new Map<string, GroupRef>();
    for (const r of rows) {
      const g = groupOf(r.unitId);
      if (g) m.set(g.code, g);
    }
    return [...m.values()];
  }, [rows, groupOf]);

  const shown = useMemo(
    () =>
      rows
        .filter((r) => group === 'all' || groupOf(r.unitId)?.code === group)
        .filter((r) => !laggingOnly || r.lagging)
        .sort((a, b) => b.completion - a.completion || a.unitCode.localeCompare(b.unitCode)),
    [rows, group, laggingOnly, groupOf],
  );
  const lagging = rows.filter((r) => r.lagging).length;

  const option = useMemo<AssessmentChartOption>(
    () => ({
      grid: { left: 8, right: 64, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) => fmtPct(Number(v) / 100),
      },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, max: (v) => Math.max(100, Math.ceil(v.max / 20) * 20) },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => r.unitName), axisTick: { show: false }, axisLabel: { width: 130, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t('results.completion'),
          barMaxWidth: 16,
          data: shown.map((r) => ({ value: Math.round(r.completion * 10000) / 100, itemStyle: { color: r.lagging ? LAG_COLOR : OK_COLOR } })),
          label: { show: true, position: 'right', formatter: (p) => `${Number(p.value).toFixed(1)}%`, fontSize: 11 },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#1677ff', type: 'dashed', width: 2 },
            label: { formatter: t('results.expectedLine', { pct: fmtPct(expected) }), position: 'start', color: '#1677ff', fontWeight: 'bold' },
            data: [{ xAxis: Math.round(expected * 10000) / 100 }],
          },
        },
      ],
    }),
    [shown, expected, t],
  );

  const columns: ColumnsType<ProgressRow> = [
    {
      title: t('results.unit'),
      key: 'unit',
      render: (_, r) => (
        <Flex gap={6} align="baseline" style={{ whiteSpace: 'nowrap' }}>
          <Link to={pathTo(r.unitId)}>
            <Typography.Text type={r.lagging ? 'danger' : undefined}>{r.unitName}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.unitCode}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('results.completion'), dataIndex: 'completion', align: 'right', render: (v: number, r) => <Typography.Text type={r.lagging ? 'danger' : undefined}>{fmtPct(v)}</Typography.Text> },
    { title: t('results.expected'), dataIndex: 'expected', align: 'right', render: (v: number) => fmtPct(v) },
    {
      title: t('results.lagPp'),
      dataIndex: 'lag',
      align: 'right',
      render: (v: number, r) => <Typography.Text type={r.lagging ? 'danger' : 'success'} strong>{fmtLag(v)}</Typography.Text>,
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, r) => (r.lagging ? <Tag color="error">{t('results.tagLagging')}</Tag> : Math.abs(r.lag) < 0.00005 ? <Tag>{t('results.even')}</Tag> : <Tag color="success">{t('results.tagAhead')}</Tag>),
    },
    // A lag row may become a supervised task (转为督办事项).
    ...(canMakeTask(role, 'progress')
      ? [
          {
            title: t('common.actions'),
            key: 'make-task',
            render: (_: unknown, r: ProgressRow) =>
              r.lagging ? <MakeTaskButton origin={{ kind: 'progress', id: runId, unitId: r.unitId, indicatorId: r.indicatorId }} testId={`progress-make-task-${r.unitCode}`} /> : null,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('results.expected')} value={fmtPct(expected)} data-testid="progress-expected" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="progress-basis">
            {t('results.progressBasis', { basis: t(`results.basis.${basis}`) })}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('results.unitsAssessed')} value={rows.length} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('results.lagging')} value={lagging} styles={{ content: { color: lagging ? LAG_COLOR : undefined } }} data-testid="progress-lagging" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('results.ahead')} value={rows.length - lagging} styles={{ content: { color: OK_COLOR } }} />
        </Col>
      </Row>
      <Flex gap={16} align="center" wrap>
        <Select
          value={group}
          onChange={setGroup}
          style={{ width: 220 }}
          aria-label={t('results.group')}
          prefix={`${t('results.group')}:`}
          options={[{ value: 'all', label: t('common.all') }, ...groups.map((g) => ({ value: g.code, label: groupName(g) }))]}
        />
        <Flex gap={8} align="center">
          <Switch size="small" checked={laggingOnly} onChange={setLaggingOnly} data-testid="progress-lagging-only" />
          <Typography.Text>{t('results.laggingOnly')}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto', fontSize: 12 }}>
          {t('results.progressFormula')}
        </Typography.Text>
      </Flex>
      {shown.length === 0 ? (
        <Empty description={t('results.noMatch')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={13}>
            <LazyChart option={option} height={Math.max(180, shown.length * 24 + 50)} testId="progress-chart" />
          </Col>
          <Col xs={24} xl={11}>
            <Table<ProgressRow>
              rowKey="unitId"
              size="small"
              columns={columns}
              dataSource={shown}
              pagination={shown.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
              onRow={(r) => ({ 'data-testid': `progress-row-${r.unitCode}` }) as HTMLAttributes<HTMLElement>}
            />
          </Col>
        </Row>
      )}
    </Flex>
  );
}
