import { useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, Card, Empty, Flex, Input, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowRightOutlined, ArrowUpOutlined, QuestionCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n/i18n-context';
import { fmtDelta, fmtPoints, gradeColor, useResultLabels } from '../shared/result-format';
import type { RunComparison, RunDto, UnitChange } from '../shared/score-runs.api';

type IndicatorChange = UnitChange['indicators'][number];

/** Green up, red down, grey for no change. */
export function Delta({ value, testId, suffix = '' }: { value: number; testId?: string; suffix?: string }) {
  const up = value > 0.005;
  const down = value < -0.005;
  return (
    <Typography.Text strong type={up ? 'success' : down ? 'danger' : 'secondary'} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {up ? <ArrowUpOutlined /> : down ? <ArrowDownOutlined /> : null} {fmtDelta(value)}
      {suffix}
    </Typography.Text>
  );
}

/** A rank change: a smaller number is better, so moving from 5 to 3 reads "↑2". */
function RankMove({ from, to }: { from: number; to: number }) {
  const { t } = useI18n();
  if (from === to) return <Typography.Text type="secondary">{t('results.rankSame', { rank: to })}</Typography.Text>;
  const better = to < from;
  return (
    <Typography.Text type={better ? 'success' : 'danger'} style={{ whiteSpace: 'nowrap' }}>
      {t('results.rankMove', { from, to })} {better ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
      {Math.abs(from - to)}
    </Typography.Text>
  );
}

/** One unit's change: its total, rank and grade before and after, and every indicator that moved with the reason. */
export function ChangeCard({ change, scorecardPath, bare = false }: { change: UnitChange; scorecardPath?: string; bare?: boolean }) {
  const { t, lang } = useI18n();
  const colon = lang === 'zh-CN' ? '：' : ': ';
  const { gradeLabel } = useResultLabels();
  const { from, to } = change;
  return (
    <Card
      size="small"
      variant={bare ? 'borderless' : 'outlined'}
      styles={bare ? { body: { padding: 0 } } : undefined}
      data-testid={`change-${change.code}`}
      title={
        bare ? undefined : <Flex gap={12} align="center" wrap>
          <Typography.Text strong>{change.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {change.code}
          </Typography.Text>
        </Flex>
      }
      extra={scorecardPath && <Link to={scorecardPath}>{t('results.openScorecard')}</Link>}
    >
      <Flex gap={32} wrap align="center" style={{ marginBottom: changedRows(change).length ? 12 : 0 }}>
        <span>
          <Typography.Text type="secondary">{t('results.total')}
            {colon}
          </Typography.Text>
          {from ? fmtPoints(from.total) : '—'} <ArrowRightOutlined style={{ fontSize: 11 }} />{' '}
          <Typography.Text strong>{to ? fmtPoints(to.total) : '—'}</Typography.Text>{' '}
          {from && to && <Delta value={to.total - from.total} testId={`change-delta-${change.code}`} />}
        </span>
        {from && to && (
          <span>
            <Typography.Text type="secondary">{t('results.rankInGroup')}
              {colon}
            </Typography.Text>
            <RankMove from={from.rank} to={to.rank} />
          </span>
        )}
        {from && to && (
          <span>
            <Typography.Text type="secondary">{t('results.grade')}
              {colon}
            </Typography.Text>
            {from.grade === to.grade ? (
              <Tag color={gradeColor(to.grade)}>{gradeLabel(to.grade)}</Tag>
            ) : (
              <>
                <Tag color={gradeColor(from.grade)}>{gradeLabel(from.grade)}</Tag>
                <ArrowRightOutlined style={{ fontSize: 11, marginInlineEnd: 8 }} />
                <Tag color={gradeColor(to.grade)}>{gradeLabel(to.grade)}</Tag>
              </>
            )}
          </span>
        )}
        {(!from || !to) && <Tag>{from ? t('results.unitDropped') : t('results.unitAdded')}</Tag>}
      </Flex>
      {changedRows(change).length > 0 ? (
        <IndicatorChanges change={change} />
      ) : (
        <Typography.Text type="secondary">{t(totalMoved(change) ? 'results.totalOutsideIndicators' : 'results.noIndicatorChanges')}</Typography.Text>
      )}
    </Card>
  );
}

/** The indicators of one unit whose points, actual or target moved, each with the API's reason. */
export function IndicatorChanges({ change }: { change: UnitChange }) {
  const { t } = useI18n();
  return (
        <Table<IndicatorChange>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={changedRows(change)}
          onRow={(i) => ({ 'data-testid': `change-${change.code}-${i.code}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('results.indicator'),
              key: 'ind',
              width: 260,
              // An indicator shows its code; a part scored outside the indicators (公众评估) only its name.
              render: (_, i) => (
                <>
                  {!change.components.some((c) => c.code === i.code) && (
                    <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                      {i.code}
                    </Typography.Text>
                  )}
                  {i.name}
                </>
              ),
            },
            { title: t('results.before'), dataIndex: 'from', align: 'right', width: 80, render: (v: number | null) => fmtPoints(v) },
            { title: t('results.after'), dataIndex: 'to', align: 'right', width: 80, render: (v: number | null) => fmtPoints(v) },
            { title: t('results.change'), key: 'delta', align: 'right', width: 90, render: (_, i) => (i.from !== null && i.to !== null ? <Delta value={i.to - i.from} /> : '—') },
            {
              title: t('results.reason'),
              dataIndex: 'why',
              render: (why: string[], i) => (
                <Flex vertical gap={2} data-testid={`change-why-${change.code}-${i.code}`}>
                  {why.map((w, k) => (
                    <Typography.Text key={k}>{w}</Typography.Text>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
  );
}

interface Props {
  comparison: RunComparison | undefined;
  loading: boolean;
  /** The runs that can serve as the baseline: every run older than the one shown. */
  baselines: RunDto[];
  fromId: number | undefined;
  onFromChange(id: number): void;
  scorecardPath(unitId: number): string;
  runLabel(run: RunDto): string;
  runShortLabel(run: RunDto): string;
  /** The group of each unit, from the rankings, for the group column and filter. */
  groupOf(unitId: number): { code: string; label: string } | undefined;
}

type Direction = 'all' | 'up' | 'down';

/** 与上次计分相比: which units' totals, ranks and grades changed against a baseline run; expand a unit for each indicator's reason. */
export function CompareView({ comparison, loading, baselines, fromId, onFromChange, scorecardPath, runLabel, runShortLabel, groupOf }: Props) {
  const { t } = useI18n();
  const { gradeLabel } = useResultLabels();
  const [group, setGroup] = useState('all');
  const [search, setSearch] = useState('');
  const [direction, setDirection] = useState<Direction>('all');
  const [expanded, setExpanded] = useState<number[] | null>(null);

  const changes = useMemo(() => comparison?.changes ?? [], [comparison]);
  const groups = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of changes) {
      const g = groupOf(c.unitId);
      if (g) m.set(g.code, g.label);
    }
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [changes, groupOf]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return changes
      .filter((c) => group === 'all' || groupOf(c.unitId)?.code === group)
      .filter((c) => !q || c.name.toLowerCase().includes(q) || c.code.toLowerCase().includes(q))
      .filter((c) => direction === 'all' || (direction === 'up' ? delta(c) > 0.005 : delta(c) < -0.005))
      .sort((a, b) => Math.abs(delta(b)) - Math.abs(delta(a)) || a.code.localeCompare(b.code));
  }, [changes, group, search, direction, groupOf]);

  if (baselines.length === 0) return <Empty description={t('results.noBaseline')} />;
  const up = changes.filter((c) => delta(c) > 0.005).length;
  const down = changes.filter((c) => delta(c) < -0.005).length;
  // A few matches open by themselves; otherwise the largest change is open to show what a row holds.
  const openKeys = expanded ?? (shown.length <= 3 ? shown.map((c) => c.unitId) : shown.slice(0, 1).map((c) => c.unitId));

  const columns: ColumnsType<UnitChange> = [
    {
      title: t('results.unit'),
      key: 'unit',
      render: (_, c) => (
        <Flex vertical>
          <Link to={scorecardPath(c.unitId)} onClick={(e) => e.stopPropagation()}>
            {c.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('results.group'), key: 'group', render: (_, c) => groupOf(c.unitId)?.label ?? '—' },
    { title: t('results.beforeTotal'), key: 'from', align: 'right', render: (_, c) => fmtPoints(c.from?.total) },
    {
      title: t('results.afterTotal'),
      key: 'to',
      align: 'right',
      render: (_, c) => (
        <Typography.Text strong data-testid={`change-total-${c.code}`}>
          {fmtPoints(c.to?.total)}
        </Typography.Text>
      ),
    },
    {
      title: t('results.change'),
      key: 'delta',
      align: 'right',
      render: (_, c) => (c.from && c.to ? <Delta value={c.to.total - c.from.total} testId={`change-delta-${c.code}`} /> : <Tag>{c.from ? t('results.unitDropped') : t('results.unitAdded')}</Tag>),
    },
    { title: t('results.rankInGroup'), key: 'rank', render: (_, c) => (c.from && c.to ? <RankMove from={c.from.rank} to={c.to.rank} /> : '—') },
    {
      title: t('results.grade'),
      key: 'grade',
      render: (_, c) =>
        c.to ? (
          <Flex gap={4} align="center">
            {c.from && c.from.grade !== c.to.grade && (
              <>
                <Tag color={gradeColor(c.from.grade)}>{gradeLabel(c.from.grade)}</Tag>
                <ArrowRightOutlined style={{ fontSize: 11 }} />
              </>
            )}
            <Tag color={gradeColor(c.to.grade)}>{gradeLabel(c.to.grade)}</Tag>
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('results.changedIndicators'),
      key: 'n',
      align: 'right',
      render: (_, c) =>
        c.indicators.length ? (
          t('results.indicatorsChanged', { count: c.indicators.length })
        ) : changedRows(c).length ? (
          changedRows(c).map((x) => x.name).join('、')
        ) : totalMoved(c) ? (
          // The total moved with no indicator: a part scored outside the indicators (e.g. the public evaluation).
          <Tooltip title={t('results.totalOutsideIndicators')}>
            <Typography.Text type="secondary" data-testid={`change-outside-${c.code}`}>
              {t('results.outsideIndicators')} <QuestionCircleOutlined />
            </Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <SwapOutlined />
        <Typography.Text>{t('results.compareWith')}</Typography.Text>
        <Select
          value={fromId}
          onChange={onFromChange}
          style={{ width: 250 }}
          popupMatchSelectWidth={false}
          labelRender={({ value }) => {
            const r = baselines.find((x) => x.id === value);
            return r ? runShortLabel(r) : String(value);
          }}
          data-testid="compare-from"
          options={baselines.map((r) => ({ value: r.id, label: runLabel(r) }))}
        />
      </Flex>
      {comparison && (
        <Alert
          type={changes.length ? 'info' : 'success'}
          showIcon
          data-testid="compare-summary"
          title={
            changes.length
              ? t('results.compareSummary', { count: changes.length, up, down, from: comparison.from.asOf, to: comparison.to.asOf })
              : t('results.compareNone', { from: comparison.from.asOf, to: comparison.to.asOf })
          }
          description={changes.length ? t('results.compareHint') : undefined}
        />
      )}
      {changes.length > 0 && (
        <Flex gap={12} align="center" wrap>
          <Input.Search
            allowClear
            placeholder={t('results.searchUnit')}
            aria-label={t('results.searchUnit')}
            style={{ width: 240 }}
            onChange={(e) => {
              setSearch(e.target.value);
              setExpanded(null);
            }}
            data-testid="compare-search"
          />
          <Select
            value={group}
            onChange={(g) => {
              setGroup(g);
              setExpanded(null);
            }}
            style={{ width: 220 }}
            prefix={`${t('results.group')}:`}
            aria-label={t('results.group')}
            options={[{ value: 'all', label: t('common.all') }, ...groups]}
          />
          <Segmented<Direction>
            value={direction}
            onChange={(d) => {
              setDirection(d);
              setExpanded(null);
            }}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'up', label: t('results.up', { count: up }) },
              { value: 'down', label: t('results.down', { count: down }) },
            ]}
          />
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto', fontSize: 12 }}>
            {t('results.expandHint')}
          </Typography.Text>
        </Flex>
      )}
      <Table<UnitChange>
        rowKey="unitId"
        size="middle"
        loading={loading && !comparison}
        columns={columns}
        dataSource={shown}
        data-testid="compare-changes"
        locale={{ emptyText: <Empty description={comparison && changes.length === 0 ? t('results.noChanges') : t('results.noMatch')} /> }}
        pagination={shown.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        onRow={(c) => ({ 'data-testid': `change-${c.code}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandRowByClick: true,
          expandedRowKeys: openKeys,
          onExpandedRowsChange: (keys) => setExpanded(keys.map(Number)),
          rowExpandable: (c) => changedRows(c).length > 0,
          expandedRowRender: (c) => <IndicatorChanges change={c} />,
        }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}

const delta = (c: UnitChange): number => (c.from && c.to ? c.to.total - c.from.total : 0);

/** What moved a unit: its indicators, and the parts scored outside them (those carry their reason, e.g. the public evaluation). */
const changedRows = (c: UnitChange): IndicatorChange[] => [...c.indicators, ...(c.components ?? []).filter((x) => x.why.length > 0)];

/** True when the unit's total itself changed (not only its rank or grade). */
const totalMoved = (c: UnitChange): boolean => Math.abs(delta(c)) >= 0.005;
