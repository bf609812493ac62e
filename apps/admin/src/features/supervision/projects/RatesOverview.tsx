import { useMemo, useState } from 'react';
import { Card, Col, Flex, Row, Segmented, Table, Typography } from 'antd';
import type { ProjectRateName } from '@kaoping/shared';
import { useI18n } from '../../../i18n/i18n-context';
import type { AssessmentChartOption } from '../../assessment/shared/EChart';
import { LazyChart } from '../../assessment/shared/LazyChart';
import type { RateSummary, RatesResponse } from './projects.api';
import { LAG_COLOR, RATE_NAMES, RateCell, pct, points } from './rate-format';

const BAR_COLOR = '#1677ff';

/** The four rates of the city (or of the caller's unit), each against what is expected by the month. */
export function OverallRates({ data }: { data: RatesResponse }) {
  const { t } = useI18n();
  const o = data.overall;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {RATE_NAMES.map((name) => {
        const r = o.rates[name];
        const expected = r.expectedBasis === 'plan' ? t('projects.expectedPlan') : t('projects.expectedSchedule', { value: pct(r.expected) });
        return (
          <Col key={name} xs={12} xl={6}>
            <Card size="small" style={{ height: '100%', borderTop: `3px solid ${r.lagging ? LAG_COLOR : BAR_COLOR}` }} data-testid={`overall-${name}`} data-lagging={String(r.lagging)}>
              <Typography.Text type="secondary">{t(`projects.rate.${name}`)}</Typography.Text>
              <Flex align="baseline" gap={8} wrap>
                <Typography.Text strong style={{ fontSize: 26, color: r.lagging ? LAG_COLOR : undefined }}>
                  {r.value === null ? t('projects.notApplicable') : pct(r.value)}
                </Typography.Text>
                {r.lag !== null && (
                  <Typography.Text style={{ color: r.lagging ? LAG_COLOR : '#389e0d' }}>
                    {r.lagging ? t('projects.lag', { points: points(r.lag) }) : r.lag > 0 ? t('projects.ahead', { points: points(r.lag) }) : t('projects.onPace')}
                  </Typography.Text>
                )}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {expected}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

type UnitRow = RatesResponse['units'][number];

/** Each unit's rates: a bar chart of one rate against the 时序进度 line, and a table of all four. */
export function UnitRates({ data, onPickUnit, pickedUnit }: { data: RatesResponse; onPickUnit(id: number | undefined): void; pickedUnit?: number }) {
  const { t } = useI18n();
  const [rate, setRate] = useState<ProjectRateName>('investmentCompletionRate');
  const units = useMemo(() => [...data.units].sort((a, b) => (a.rates[rate].value ?? -1) - (b.rates[rate].value ?? -1)), [data.units, rate]);

  const option = useMemo<AssessmentChartOption>(() => {
    const expected = (units[0]?.rates[rate].expected ?? data.overall.rates[rate].expected) * 100;
    return {
      grid: { left: 48, right: 24, top: 32, bottom: 72 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: units.map((u) => u.unit.name), axisLabel: { rotate: 35, interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t(`projects.rate.${rate}`),
          data: units.map((u) => ({
            value: u.rates[rate].value === null ? null : Number((u.rates[rate].value! * 100).toFixed(2)),
            itemStyle: { color: u.rates[rate].lagging ? LAG_COLOR : BAR_COLOR },
          })),
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#fa8c16', type: 'dashed', width: 2 },
            label: { formatter: `${rate === 'startRate' ? '100%' : t('projects.scheduleLine')} ${Number(expected.toFixed(2))}%`, position: 'insideStartTop' },
            data: [{ yAxis: Number(expected.toFixed(2)) }],
          },
        },
      ],
    } as AssessmentChartOption;
  }, [units, rate, data.overall, t]);

  return (
    <Card
      size="small"
      title={t('projects.byUnit')}
      extra={
        <Segmented<ProjectRateName>
          size="small"
          value={rate}
          onChange={setRate}
          options={RATE_NAMES.map((n) => ({ value: n, label: t(`projects.rate.${n}`) }))}
          data-testid="chart-rate"
        />
      }
      style={{ marginBottom: 16 }}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <LazyChart option={option} height={320} testId="unit-rate-chart" />
        </Col>
        <Col xs={24} xl={12}>
          <Table<UnitRow>
            size="small"
            rowKey={(u) => u.unit.id}
            dataSource={data.units}
            pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
            data-testid="unit-rates"
            onRow={(u) => ({
              onClick: () => onPickUnit(pickedUnit === u.unit.id ? undefined : u.unit.id),
              style: { cursor: 'pointer', background: pickedUnit === u.unit.id ? '#e6f4ff' : undefined },
            })}
            columns={[
              { title: t('projects.col.unit'), key: 'unit', render: (_: unknown, u) => u.unit.name, ellipsis: true },
              { title: t('projects.col.projects'), dataIndex: 'projectCount', width: 70, align: 'right' },
              ...RATE_NAMES.map((n) => ({
                title: t(`projects.rate.${n}`),
                key: n,
                width: 104,
                render: (_: unknown, u: RateSummary & UnitRow) => <RateCell rate={u.rates[n]} testId={`unit-${u.unit.code}-${n}`} />,
              })),
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}
