import { useMemo, useState, type ReactNode } from 'react';
import { Card, Col, DatePicker, Empty, Flex, Input, Row, Segmented, Select, Space, Statistic, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { OVERVIEW_SOURCES, TASK_LIGHTS, type SupervisionOverviewQuery, type TaskLight } from '@kaoping/shared';
import { useRequest } from '../../../api/use-request';
import { ExportButton } from '../../../components/ExcelButtons';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/zh-CN';
import type { AssessmentChartOption } from '../../assessment/shared/EChart';
import { LazyChart } from '../../assessment/shared/LazyChart';
import { listPath, overviewApi, type OverviewCounts, type OverviewLeaderRow, type OverviewUnitRow, type SupervisionOverview } from './overview.api';

/** The light colours of the supervision pages (Suqian's rule: green, blue, yellow, red). */
const LIGHT_COLORS: Record<TaskLight, string> = { green: '#52c41a', blue: '#1677ff', yellow: '#fadb14', red: '#f5222d' };
/** Most urgent first, as a person reads them. */
const LIGHT_ORDER: readonly TaskLight[] = ['red', 'yellow', 'blue', 'green'];

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * 督查总览: the city's totals, each unit's lights (every number opens the list behind it), a chart
 * of the lights by group or of the units with the most red, and the leaders' view. A unit sees its
 * own figures as cards.
 */
export function OverviewPage() {
  const { t } = useI18n();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [source, setSource] = useState<string>();
  const query: SupervisionOverviewQuery = {
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    source,
  };
  const key = `${query.from}:${query.to}:${query.source}`;
  const { data, error, loading, reload } = useRequest(() => overviewApi.get(query), `sup-overview:${key}`);

  return (
    <>
      <PageHeader
        title={t('overview.title')}
        subtitle={data && !data.cityWide ? t('overview.subtitleUnit') : t('overview.subtitle')}
        extra={
          <>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => setRange(v)}
              allowEmpty={[true, true]}
              placeholder={[t('overview.from'), t('overview.to')]}
              aria-label={t('overview.deadlineRange')}
              prefix={<Typography.Text type="secondary">{t('overview.deadlineRange')}</Typography.Text>}
              data-testid="overview-range"
            />
            <Select<string>
              allowClear
              value={source}
              onChange={setSource}
              placeholder={t('overview.source')}
              aria-label={t('overview.source')}
              style={{ width: 140 }}
              options={OVERVIEW_SOURCES.map((s) => ({ value: s, label: t(`overview.source.${s}` as MessageKey) }))}
              data-testid="overview-source"
            />
            <ExportButton run={() => overviewApi.export(query)} />
          </>
        }
      />
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {data && (
        <>
          <TotalCards o={data} />
          {data.cityWide ? <CityView o={data} loading={loading} /> : <UnitCards o={data} />}
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12, fontSize: 12 }}>
            {t('overview.asOf', { time: formatDateTime(data.asOf) })}
          </Typography.Text>
        </>
      )}
      {!data && loading && <Card loading />}
    </>
  );
}

function TotalCards({ o }: { o: SupervisionOverview }) {
  const { t } = useI18n();
  const all = o.totals.all;
  const card = (id: string, title: string, value: ReactNode, note: ReactNode, color?: string) => (
    <Col xs={12} md={8} xl={24 / 5} flex="1 1 0">
      <Card size="small" data-testid={`overview-card-${id}`}>
        <Statistic title={title} value={value as string | number} styles={{ content: color ? { color } : undefined }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} wrap>
      {card('open', t('overview.card.open'), all.open, t('overview.card.tasksProblems', { tasks: o.totals.tasks.open, problems: o.totals.problems.open }))}
      {card('red', t('overview.card.red'), all.red, t('overview.card.alert', { n: all.alert }), all.red ? LIGHT_COLORS.red : undefined)}
      {card('overdue', t('overview.card.overdue'), all.overdue, t('overview.card.tasksProblems', { tasks: o.totals.tasks.overdue, problems: o.totals.problems.overdue }))}
      {card('rate', t('overview.card.rate'), pct(all.closeRate), t('overview.card.closedOf', { closed: all.closed, total: all.total }))}
      {card('days', t('overview.card.days'), all.avgDaysToClose ?? '—', t('overview.card.tasksProblems', { tasks: o.totals.tasks.avgDaysToClose ?? '—', problems: o.totals.problems.avgDaysToClose ?? '—' }))}
    </Row>
  );
}

/** Darker shades of the lights for numbers written in them on white. */
const LIGHT_TEXT: Record<TaskLight, string> = { green: '#389e0d', blue: '#0958d9', yellow: '#ad6800', red: '#cf1322' };

/** One count in its light's colour; grey when zero. */
function LightChip({ light, n, testId }: { light: TaskLight; n: number; testId?: string }) {
  return (
    <span
      data-testid={testId}
      style={{
        display: 'inline-block',
        minWidth: 30,
        padding: '0 6px',
        borderRadius: 4,
        textAlign: 'center',
        fontVariantNumeric: 'tabular-nums',
        background: n ? LIGHT_COLORS[light] : '#f5f5f5',
        color: n ? (light === 'yellow' ? '#613400' : '#fff') : '#bfbfbf',
        fontWeight: n ? 600 : 400,
      }}
    >
      {n}
    </span>
  );
}

/** Four coloured counts; each non-zero one opens the list of that unit and light. */
function LightCounts({ counts, unitId, kind, testId }: { counts: OverviewCounts; unitId?: number; kind?: 'tasks' | 'problems'; testId: string }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      {LIGHT_ORDER.map((l) => {
        const n = counts[l];
        const chip = <LightChip light={l} n={n} testId={`${testId}-${l}`} />;
        return (
          <Tooltip key={l} title={`${t(`overview.light.${l}`)} · ${t(`overview.lightHint.${l}`)}`}>
            {n && kind && unitId !== undefined ? (
              <Link to={listPath(kind, unitId, l)} aria-label={`${t(`overview.light.${l}`)} ${n}`}>
                {chip}
              </Link>
            ) : (
              chip
            )}
          </Tooltip>
        );
      })}
    </Space>
  );
}

function LightLegend() {
  const { t } = useI18n();
  return (
    <Space size={12} wrap>
      {LIGHT_ORDER.map((l) => (
        <Space key={l} size={4}>
          <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: LIGHT_COLORS[l] }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('overview.legend', { light: t(`overview.light.${l}`), hint: t(`overview.lightHint.${l}`) })}
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

function CityView({ o, loading }: { o: SupervisionOverview; loading: boolean }) {
  const { t } = useI18n();
  const [tab, setTab] = useState('units');
  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'units', label: <span data-testid="overview-tab-units">{t('overview.tab.units')}</span>, children: <UnitsView o={o} loading={loading} /> },
        { key: 'leaders', label: <span data-testid="overview-tab-leaders">{t('overview.tab.leaders')}</span>, children: <LeadersView o={o} loading={loading} /> },
      ]}
    />
  );
}

function UnitsView({ o, loading }: { o: SupervisionOverview; loading: boolean }) {
  const { t, groupName } = useI18n();
  const [mode, setMode] = useState<'groups' | 'topRed'>('groups');
  const [onlyRed, setOnlyRed] = useState(false);
  const [search, setSearch] = useState('');
  // ?group= keeps one group's units (the workbench's group figures open this list).
  const [params, setParams] = useSearchParams();
  const group = params.get('group') ?? undefined;
  const setGroup = (code: string | undefined) =>
    setParams((p) => {
      if (code) p.set('group', code);
      else p.delete('group');
      return p;
    });
  const groupLabel = useMemo(() => new Map(o.groups.map((g) => [g.code, groupName({ name: g.name, nameEn: g.nameEn })])), [o.groups, groupName]);

  const option = useMemo<AssessmentChartOption>(() => {
    const rows =
      mode === 'groups'
        ? o.groups.map((g) => ({ name: groupLabel.get(g.code) ?? g.name, c: g.all }))
        : [...o.units]
            .filter((u) => u.all.red > 0)
            .sort((a, b) => b.all.red - a.all.red || b.all.overdue - a.all.overdue)
            .slice(0, 15)
            .map((u) => ({ name: u.unit.name, c: u.all }));
    const names = rows.map((r) => r.name).reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, axisLabel: { width: 160, overflow: 'truncate' } },
      series: LIGHT_ORDER.map((l) => ({
        name: t(`overview.light.${l}`),
        type: 'bar' as const,
        stack: 'lights',
        itemStyle: { color: LIGHT_COLORS[l] },
        barMaxWidth: 22,
        data: rows.map((r) => r.c[l]).reverse(),
      })),
    };
  }, [mode, o.groups, o.units, groupLabel, t]);
  const chartRows = mode === 'groups' ? o.groups.length : Math.min(15, o.units.filter((u) => u.all.red > 0).length);

  const rows = o.units.filter((u) => (!group || u.unit.groupCode === group) && (!onlyRed || u.all.red > 0) && (!search || u.unit.name.includes(search) || u.unit.code.includes(search)));
  const columns: ColumnsType<OverviewUnitRow> = [
    {
      title: t('overview.col.unit'),
      key: 'unit',
      width: 220,
      fixed: 'left',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.unit.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.unit.code}
            {r.unit.groupCode ? ` · ${groupLabel.get(r.unit.groupCode) ?? groupName({ name: r.unit.groupName ?? '', nameEn: r.unit.groupNameEn })}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('overview.col.tasks'),
      key: 'tasks',
      width: 180,
      render: (_, r) => <LightCounts counts={r.tasks} unitId={r.unit.id} kind="tasks" testId={`overview-tasks-${r.unit.code}`} />,
    },
    {
      title: t('overview.col.problems'),
      key: 'problems',
      width: 180,
      render: (_, r) => <LightCounts counts={r.problems} unitId={r.unit.id} kind="problems" testId={`overview-problems-${r.unit.code}`} />,
    },
    { title: t('overview.col.total'), key: 'total', width: 80, align: 'right', sorter: (a, b) => a.all.total - b.all.total, render: (_, r) => r.all.total },
    {
      title: t('overview.light.red'),
      key: 'red',
      width: 80,
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.all.red - b.all.red || a.all.overdue - b.all.overdue,
      render: (_, r) => (r.all.red ? <Typography.Text style={{ color: LIGHT_COLORS.red, fontWeight: 600 }}>{r.all.red}</Typography.Text> : 0),
    },
    {
      title: t('overview.col.overdue'),
      key: 'overdue',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.all.overdue - b.all.overdue,
      render: (_, r) => (
        <Space size={4}>
          {r.all.overdue}
          {r.all.alert > 0 && (
            <Tooltip title={t('overview.alertHint')}>
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t('overview.alert')} {r.all.alert}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('overview.col.rate'),
      key: 'rate',
      width: 110,
      align: 'right',
      sorter: (a, b) => (a.all.closeRate ?? -1) - (b.all.closeRate ?? -1),
      render: (_, r) => (
        <Tooltip title={t('overview.card.closedOf', { closed: r.all.closed, total: r.all.total })}>
          <span data-testid={`overview-rate-${r.unit.code}`}>{pct(r.all.closeRate)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('overview.col.days'),
      key: 'days',
      width: 120,
      align: 'right',
      sorter: (a, b) => (a.all.avgDaysToClose ?? -1) - (b.all.avgDaysToClose ?? -1),
      render: (_, r) => r.all.avgDaysToClose ?? '—',
    },
  ];

  if (o.units.length === 0) return <Empty description={t('overview.empty')} />;
  return (
    <>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={
          <Segmented<'groups' | 'topRed'>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'groups', label: t('overview.chart.byGroup') },
              { value: 'topRed', label: t('overview.chart.topRed') },
            ]}
            data-testid="overview-chart-mode"
          />
        }
      >
        {chartRows ? <LazyChart option={option} height={Math.max(180, chartRows * 30 + 60)} testId="overview-chart" /> : <Empty description={t('overview.noRed')} />}
      </Card>
      <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('overview.search')} onChange={(e) => setSearch(e.target.value.trim())} style={{ width: 200 }} data-testid="overview-search" />
          {o.groups.length > 0 && (
            <Select<string>
              allowClear
              value={group}
              onChange={(v) => setGroup(v)}
              placeholder={t('overview.group')}
              aria-label={t('overview.group')}
              options={o.groups.map((g) => ({ value: g.code, label: groupLabel.get(g.code) ?? g.name }))}
              style={{ width: 160 }}
              data-testid="overview-group"
            />
          )}
          <Space size={6}>
            <Switch size="small" checked={onlyRed} onChange={setOnlyRed} data-testid="overview-only-red" />
            <Typography.Text>{t('overview.onlyRed')}</Typography.Text>
          </Space>
        </Space>
        <LightLegend />
      </Flex>
      <Table<OverviewUnitRow>
        rowKey={(r) => r.unit.id}
        size="small"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        showSorterTooltip={{ title: t('overview.sortHint') }}
        data-testid="overview-units"
      />
    </>
  );
}

function LeadersView({ o, loading }: { o: SupervisionOverview; loading: boolean }) {
  const { t } = useI18n();
  const columns: ColumnsType<OverviewLeaderRow> = [
    { title: t('overview.col.leader'), dataIndex: 'leader', width: 150, render: (l: string) => <Typography.Text strong>{l}</Typography.Text> },
    {
      title: t('overview.col.leaderUnits'),
      key: 'units',
      width: 240,
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.units.join('、') }} style={{ margin: 0 }}>
          {r.units.join('、')}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('overview.col.lights'),
      key: 'lights',
      width: 170,
      render: (_, r) => <LightCounts counts={r.counts} testId={`overview-leader-${r.leader}`} />,
    },
    { title: t('overview.col.overdue'), key: 'overdue', width: 80, align: 'right', sorter: (a, b) => a.counts.overdue - b.counts.overdue, render: (_, r) => r.counts.overdue },
    { title: t('overview.col.rate'), key: 'rate', width: 100, align: 'right', sorter: (a, b) => (a.counts.closeRate ?? -1) - (b.counts.closeRate ?? -1), render: (_, r) => pct(r.counts.closeRate) },
    {
      title: t('overview.col.red'),
      key: 'red',
      render: (_, r) =>
        r.red.length === 0 ? (
          <Typography.Text type="secondary">{t('overview.noRed')}</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            {r.red.map((i) => (
              <Space key={i.id} size={6} wrap>
                <Link to={`/supervision/tasks/${i.id}`} data-testid={`overview-leader-red-${i.id}`}>
                  {i.title}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.unit.name} · {i.reason}
                </Typography.Text>
                {i.alert && (
                  <Tooltip title={t('overview.alertHint')}>
                    <Tag color="red" style={{ marginInlineEnd: 0 }}>
                      {t('overview.alert')}
                    </Tag>
                  </Tooltip>
                )}
              </Space>
            ))}
          </Flex>
        ),
    },
  ];
  if (o.leaders.length === 0) return <Empty description={t('overview.noLeaders')} />;
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <LightLegend />
      </Flex>
      <Table<OverviewLeaderRow>
        rowKey="leader"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={o.leaders}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="overview-leaders"
      />
    </>
  );
}

/** A unit's own figures: its tasks and its problems, each light a link to the list. */
function UnitCards({ o }: { o: SupervisionOverview }) {
  const { t } = useI18n();
  const row = o.units[0];
  if (!row) return <Empty description={t('overview.empty')} />;
  const block = (kind: 'tasks' | 'problems', c: OverviewCounts) => (
    <Col xs={24} lg={12}>
      <Card
        size="small"
        title={kind === 'tasks' ? t('overview.tasksLabel') : t('overview.problemsLabel')}
        extra={<Link to={listPath(kind, row.unit.id)}>{t('overview.viewList')}</Link>}
        data-testid={`overview-unit-${kind}`}
      >
        <Row gutter={[12, 12]}>
          {TASK_LIGHTS.map((l) => (
            <Col span={6} key={l}>
              <Statistic
                title={
                  <Space size={4}>
                    <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: LIGHT_COLORS[l] }} />
                    {t(`overview.light.${l}`)}
                  </Space>
                }
                value={c[l]}
                formatter={(v) =>
                  c[l] ? (
                    <Link to={listPath(kind, row.unit.id, l)} style={{ color: LIGHT_TEXT[l] }} data-testid={`overview-unit-${kind}-${l}`}>
                      {v}
                    </Link>
                  ) : (
                    v
                  )
                }
              />
            </Col>
          ))}
          <Col span={6}>
            <Statistic title={t('overview.col.overdue')} value={c.overdue} />
          </Col>
          <Col span={6}>
            <Statistic title={t('overview.card.rate')} value={pct(c.closeRate)} />
          </Col>
          <Col span={6}>
            <Statistic title={t('overview.card.days')} value={c.avgDaysToClose ?? '—'} />
          </Col>
          <Col span={6}>
            <Statistic title={t('overview.col.total')} value={c.total} />
          </Col>
        </Row>
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]}>
      {block('tasks', row.tasks)}
      {block('problems', row.problems)}
    </Row>
  );
}
