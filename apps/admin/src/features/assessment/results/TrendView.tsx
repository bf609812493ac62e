import { useMemo, useState } from 'react';
import { Empty, Flex, Segmented, Select, Spin, Typography, theme } from 'antd';
import { useRequest } from '../../../api/use-request';
import { LoadError } from '../../../components/LoadError';
import { useI18n } from '../../../i18n/i18n-context';
import { LazyChart } from '../shared/LazyChart';
import type { AssessmentChartOption } from '../shared/EChart';
import { fmtPoints } from '../shared/result-format';
import { scoreRunsApi, type TrendPoint } from '../shared/score-runs.api';

export interface TrendUnit {
  unitId: number;
  code: string;
  name: string;
}

type Metric = 'total' | 'rank';
const MAX_UNITS = 8;

interface Props {
  schemeId: number;
  /** Units that can be picked, e.g. every unit of the rankings; with one unit there is no picker. */
  units: TrendUnit[];
  defaultUnitIds: number[];
  /** Asks the API for one unit only (a unit's own people may not read the others). */
  onlyUnitId?: number;
  height?: number;
}

/** Lines of units' totals or ranks across the runs of a scheme, oldest run on the left. */
export function TrendView({ schemeId, units, defaultUnitIds, onlyUnitId, height = 340 }: Props) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const [metric, setMetric] = useState<Metric>('total');
  const [picked, setPicked] = useState<number[] | null>(null);
  const selected = (picked ?? defaultUnitIds).slice(0, MAX_UNITS);
  const trend = useRequest(() => scoreRunsApi.trend(schemeId, onlyUnitId), `trend:${schemeId}:${onlyUnitId ?? ''}`);

  const option = useMemo<AssessmentChartOption | null>(() => {
    const points = trend.data ?? [];
    const runs: { runId: number; asOf: string }[] = [];
    for (const p of points) if (!runs.some((r) => r.runId === p.runId)) runs.push({ runId: p.runId, asOf: p.asOf });
    if (runs.length === 0) return null;
    // Two runs on the same as-of date are told apart by their number.
    const label = (r: { runId: number; asOf: string }) => (runs.filter((x) => x.asOf === r.asOf).length > 1 ? `${r.asOf} #${r.runId}` : r.asOf);
    const byKey = new Map<string, TrendPoint>(points.map((p) => [`${p.unitId}:${p.runId}`, p]));
    const names = new Map(units.map((u) => [u.unitId, u.name]));
    return {
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (metric === 'total' ? fmtPoints(Number(v)) : t('results.rankValue', { rank: Number(v) })) },
      xAxis: { type: 'category', data: runs.map(label), boundaryGap: true, axisLabel: { color: token.colorTextSecondary } },
      yAxis:
        metric === 'total'
          ? { type: 'value', scale: true, name: t('results.total'), axisLabel: { color: token.colorTextSecondary } }
          : { type: 'value', inverse: true, min: 1, minInterval: 1, name: t('results.rank'), axisLabel: { color: token.colorTextSecondary } },
      series: selected.map((unitId) => ({
        type: 'line',
        name: names.get(unitId) ?? String(unitId),
        symbolSize: 7,
        connectNulls: true,
        data: runs.map((r) => {
          const p = byKey.get(`${unitId}:${r.runId}`);
          return p ? (metric === 'total' ? p.total : p.rank) : null;
        }),
      })),
    };
  }, [trend.data, units, selected, metric, t, token.colorTextSecondary]);

  return (
    <Flex vertical gap={12} data-testid="trend-view">
      <Flex gap={12} align="center" wrap>
        {units.length > 1 && (
          <Select
            mode="multiple"
            value={selected}
            onChange={(ids: number[]) => setPicked(ids.slice(0, MAX_UNITS))}
            style={{ minWidth: 360, maxWidth: 720, flex: 1 }}
            maxTagCount="responsive"
            placeholder={t('results.trendPickUnits')}
            aria-label={t('results.trendPickUnits')}
            optionFilterProp="label"
            data-testid="trend-units"
            options={units.map((u) => ({ value: u.unitId, label: `${u.name} ${u.code}` }))}
          />
        )}
        <Segmented<Metric>
          value={metric}
          onChange={setMetric}
          options={[
            { value: 'total', label: t('results.trendTotal') },
            { value: 'rank', label: t('results.trendRank') },
          ]}
        />
        {units.length > 1 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('results.trendMax', { max: MAX_UNITS })}
          </Typography.Text>
        )}
      </Flex>
      {trend.error !== null && <LoadError error={trend.error} onRetry={trend.reload} />}
      {trend.loading && !trend.data ? (
        <Spin>
          <div style={{ height }} />
        </Spin>
      ) : option && selected.length > 0 ? (
        <LazyChart option={option} height={height} testId="trend-chart" />
      ) : (
        <Empty description={selected.length === 0 ? t('results.trendPickUnits') : t('results.noRunsShort')} />
      )}
    </Flex>
  );
}
