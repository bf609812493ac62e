import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Card, Empty, Flex, Select, Table, Tabs, Tag, Tooltip, Typography, theme } from 'antd';
import { QuestionCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { DocumentButtons, type DocumentFormat } from '../../../components/DocumentButtons';
import { useI18n } from '../../../i18n/i18n-context';
import { LazyChart } from '../shared/LazyChart';
import type { AssessmentChartOption } from '../shared/EChart';
import { fmtPoints, gradeColor, useResultLabels } from '../shared/result-format';
import type { RankingEntry, RankingGroup } from '../shared/score-runs.api';
import { useCurrentUser } from '../../../app/auth-context';
import { canMakeTask } from '../../../app/access';
import { MakeTaskButton } from '../../supervision/tasks/MakeTaskButton';

/** Bar colours by grade, so the chart reads like the table's tags. */
const GRADE_BAR: Record<string, string> = { 优秀: '#52c41a', 良好: '#1677ff', 一般: '#faad14', 较差: '#ff4d4f', 不达标: '#ff4d4f' };

interface Props {
  groups: RankingGroup[];
  groupName(code: string, fallback: string): string;
  scorecardPath(unitId: number): string;
  loading: boolean;
  /** Downloads every scorecard of a group in one document (city-wide readers only). */
  downloadGroup?(group: string, format: DocumentFormat): Promise<string>;
  /** The run shown: its rows may be made into supervised tasks (转为督办事项). */
  runId?: number;
}

/** Rankings of one run: a tab per group, a bar chart of totals and the table of scores. */
export function RankingsView({ groups, groupName, scorecardPath, loading, downloadGroup, runId }: Props) {
  const { t } = useI18n();
  const [active, setActive] = useState<string>();
  const [located, setLocated] = useState<number | null>(null);
  const current = groups.find((g) => g.code === active) ?? groups[0];
  const locate = (unitId: number | null) => {
    setLocated(unitId);
    const g = groups.find((x) => x.units.some((u) => u.unitId === unitId));
    if (g) setActive(g.code);
  };

  if (!loading && groups.length === 0) return <Empty description={t('results.noRankings')} />;
  return (
    <>
      {/* Beside the tabs, not in their bar: a tablist may hold tabs only. */}
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
      <Select<number>
        showSearch
        allowClear
        value={located ?? undefined}
        onChange={(id) => locate(id ?? null)}
        placeholder={t('results.locateUnit')}
        aria-label={t('results.locateUnit')}
        optionFilterProp="label"
        style={{ width: 200 }}
        data-testid="ranking-locate"
        options={groups.flatMap((g) => g.units.map((u) => ({ value: u.unitId, label: `${u.name} ${u.code}` })))}
      />
      </Flex>
      <Tabs
        activeKey={current?.code}
        onChange={setActive}
        type="card"
        size="small"
        items={groups.map((g) => ({
          key: g.code,
          label: (
            <span data-testid={`group-tab-${g.code}`}>
              {groupName(g.code, g.name)} <Typography.Text type="secondary">({g.units.length})</Typography.Text>
            </span>
          ),
        }))}
      />
      {current && <GroupRanking key={current.code} group={current} scorecardPath={scorecardPath} loading={loading} located={located} downloadGroup={downloadGroup} runId={runId} />}
    </>
  );
}

function GroupRanking({
  group,
  scorecardPath,
  loading,
  located,
  downloadGroup,
  runId,
}: {
  group: RankingGroup;
  scorecardPath(unitId: number): string;
  loading: boolean;
  located: number | null;
  downloadGroup?: Props['downloadGroup'];
  runId?: number;
}) {
  const { t } = useI18n();
  const { role } = useCurrentUser();
  const makeTasks = runId !== undefined && canMakeTask(role, 'ranking');
  const { gradeLabel } = useResultLabels();
  const { token } = theme.useToken();
  const components = group.units[0]?.components ?? [];

  useEffect(() => {
    if (located !== null) document.querySelector(`tr[data-row-key="${located}"]`)?.scrollIntoView({ block: 'center' });
  }, [located]);

  const columns = useMemo<ColumnsType<RankingEntry>>(
    () => [
      { title: t('results.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (r: number) => <Typography.Text strong>{r}</Typography.Text> },
      {
        title: t('results.unit'),
        key: 'unit',
        width: 200,
        render: (_, u) => (
          <Flex vertical>
            <Link to={scorecardPath(u.unitId)} data-testid={`ranking-unit-${u.code}`}>
              {u.name}
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.code}
            </Typography.Text>
          </Flex>
        ),
      },
      ...components.map((c, i) => ({
        title: (
          <Tooltip title={c.note}>
            {c.name}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
              {' '}
              /{c.max}
            </Typography.Text>
          </Tooltip>
        ),
        key: `c-${c.code}`,
        align: 'right' as const,
        width: 110,
        render: (_: unknown, u: RankingEntry) => {
          const comp = u.components[i];
          return comp?.note && comp.points === 0 ? (
            <Tooltip title={comp.note}>
              <Typography.Text type="secondary">{t('results.notYetCounted')}</Typography.Text>
            </Tooltip>
          ) : (
            fmtPoints(comp?.points)
          );
        },
      })),
      { title: t('results.bonus'), dataIndex: 'bonus', align: 'right', width: 80, render: (b: number) => (b > 0 ? <Typography.Text type="success">+{fmtPoints(b)}</Typography.Text> : fmtPoints(b)) },
      {
        title: (
          <Tooltip title={t('results.deductionsHint')}>
            <span style={{ whiteSpace: 'nowrap' }}>
              {t('results.deductions')} <QuestionCircleOutlined style={{ fontSize: 12 }} />
            </span>
          </Tooltip>
        ),
        dataIndex: 'deductions',
        align: 'right',
        width: 90,
        render: (d: number) => (d > 0 ? <Typography.Text type="danger">−{fmtPoints(d)}</Typography.Text> : fmtPoints(0)),
      },
      {
        title: t('results.total'),
        dataIndex: 'total',
        align: 'right',
        width: 90,
        render: (total: number, u) => (
          <Typography.Text strong data-testid={`ranking-total-${u.code}`}>
            {fmtPoints(total)}
          </Typography.Text>
        ),
      },
      {
        title: t('results.grade'),
        key: 'grade',
        width: 110,
        render: (_, u) => (
          <Tooltip title={u.grade !== u.baseGrade ? t('results.gradeAdjusted', { base: gradeLabel(u.baseGrade) }) : undefined}>
            <Tag color={gradeColor(u.grade)}>{gradeLabel(u.grade)}</Tag>
            {u.grade !== u.baseGrade && <Typography.Text type="secondary" style={{ fontSize: 12 }}>*</Typography.Text>}
          </Tooltip>
        ),
      },
      {
        title: t('results.veto'),
        dataIndex: 'vetoed',
        width: 90,
        align: 'center',
        render: (v: boolean, u) =>
          v ? (
            <Tag color="error" icon={<StopOutlined />} data-testid={`ranking-veto-${u.code}`}>
              {t('results.vetoed')}
            </Tag>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      ...(makeTasks
        ? [
            {
              title: t('common.actions'),
              key: 'make-task',
              width: 150,
              render: (_: unknown, u: RankingEntry) => <MakeTaskButton origin={{ kind: 'ranking', id: runId!, unitId: u.unitId }} testId={`ranking-make-task-${u.code}`} />,
            },
          ]
        : []),
    ],
    [components, gradeLabel, scorecardPath, t, makeTasks, runId],
  );

  const option = useMemo<AssessmentChartOption>(
    () => ({
      grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmtPoints(Number(v)) },
      xAxis: { type: 'value', axisLabel: { color: token.colorTextSecondary } },
      yAxis: { type: 'category', inverse: true, data: group.units.map((u) => u.name), axisLabel: { color: token.colorText, width: 120, overflow: 'truncate' }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: t('results.total'),
          barMaxWidth: 18,
          data: group.units.map((u) => ({ value: u.total, itemStyle: { color: GRADE_BAR[u.grade] ?? token.colorPrimary } })),
          label: { show: true, position: 'right', formatter: (p) => fmtPoints(Number(p.value)), color: token.colorText, fontSize: 11 },
        },
      ],
    }),
    [group, t, token.colorPrimary, token.colorText, token.colorTextSecondary],
  );

  return (
    <Flex vertical gap={16}>
      {downloadGroup && (
        <Flex justify="flex-end">
          <DocumentButtons label={t('results.groupScorecards')} testId={`group-scorecards-${group.code}`} download={(format) => downloadGroup(group.code, format)} />
        </Flex>
      )}
      <Card size="small" title={t('results.chartTitle')} extra={<GradeLegend />}>
        <LazyChart option={option} height={Math.max(160, group.units.length * 26 + 40)} testId="ranking-chart" />
      </Card>
      <Table<RankingEntry>
        rowKey="unitId"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={group.units}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(u) =>
          ({
            'data-testid': `ranking-row-${u.code}`,
            style: u.unitId === located ? { background: token.colorPrimaryBg } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </Flex>
  );
}

function GradeLegend() {
  const { gradeLabel } = useResultLabels();
  return (
    <Flex gap={12}>
      {['优秀', '良好', '一般', '较差'].map((g) => (
        <Flex key={g} gap={4} align="center">
          <span style={{ width: 10, height: 10, borderRadius: 2, background: GRADE_BAR[g] }} />
          <Typography.Text style={{ fontSize: 12 }}>{gradeLabel(g)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
