import { useMemo, useState } from 'react';
import { Alert, Card, Empty, Flex, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { LockOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/api-error';
import { useRequest } from '../../../api/use-request';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { ParticipationCard } from '../campaigns/ParticipationCard';
import { campaignsApi, type UnitResult } from '../campaigns.api';
import { CampaignSelect } from '../shared/CampaignSelect';
import { formatRate } from '../shared/labels';
import { useCampaignChoice } from '../shared/use-campaigns';
import { useRuleLabel } from '../shared/use-rule-label';
import { ResultDetail } from './ResultDetail';

type Scope = 'apply' | 'ignore';

interface Row extends UnitResult {
  rank: number | null;
  valid: { invited: number; open: number };
}

const validOf = (c: UnitResult['counts']['invited']) => c.satisfied + c.basicallySatisfied + c.dissatisfied;

/** Ranks by combined satisfaction within each group; ties share the best rank, units without valid answers are not ranked. */
function rankInGroups(units: UnitResult[]): Row[] {
  const byGroup = new Map<string, UnitResult[]>();
  for (const u of units) byGroup.set(u.groupCode ?? '', [...(byGroup.get(u.groupCode ?? '') ?? []), u]);
  const rank = new Map<number, number>();
  for (const list of byGroup.values()) {
    const scored = list.filter((u) => u.satisfaction.combined !== null).sort((a, b) => b.satisfaction.combined! - a.satisfaction.combined!);
    scored.forEach((u, i) => {
      const prev = scored[i - 1];
      rank.set(u.unitId, prev && Math.abs(prev.satisfaction.combined! - u.satisfaction.combined!) < 1e-9 ? rank.get(prev.unitId)! : i + 1);
    });
  }
  return units.map((u) => ({ ...u, rank: rank.get(u.unitId) ?? null, valid: { invited: validOf(u.counts.invited), open: validOf(u.counts.open) } }));
}

const byRate = (k: 'invited' | 'open' | 'combined') => (a: Row, b: Row) => (a.satisfaction[k] ?? -1) - (b.satisfaction[k] ?? -1);

/** Satisfaction per unit of a closed campaign; while a campaign is open only participation is shown. */
export function ResultsPage() {
  const { t, groupName } = useI18n();
  const choice = useCampaignChoice();
  const campaign = choice.current;
  const [scope, setScope] = useState<Scope>('apply');
  const [group, setGroup] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const closed = campaign?.status === 'closed';
  const results = useRequest(() => campaignsApi.results(campaign!.id, scope), `pe-results:${campaign?.id}:${scope}`, closed);
  const participation = useRequest(() => campaignsApi.participation(campaign!.id), `pe-participation:${campaign?.id}`, !!campaign && !closed);
  const groups = useRequest(unitsApi.groups, 'groups');
  const ruleLabel = useRuleLabel();

  const rows = useMemo(() => rankInGroups(results.data?.units ?? []), [results.data]);
  const groupCodes = useMemo(() => new Set(rows.map((r) => r.groupCode)), [rows]);
  const groupLabel = (code: string | null) => {
    const g = (groups.data ?? []).find((x) => x.code === code);
    return g ? groupName(g) : (code ?? '—');
  };
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    // By group, in the groups' own order, and by rank inside each group.
    const order = new Map((groups.data ?? []).map((g) => [g.code, g.sortOrder]));
    const groupOrder = (r: Row) => order.get(r.groupCode ?? '') ?? 9999;
    return [...rows]
      .sort((x, y) => groupOrder(x) - groupOrder(y) || (x.groupCode ?? '').localeCompare(y.groupCode ?? '') || (x.rank ?? 9999) - (y.rank ?? 9999))
      .filter((r) => !group || r.groupCode === group)
      .filter((r) => !q || r.name.toLowerCase().includes(q) || r.code.toLowerCase().includes(q));
  }, [rows, group, search, groups.data]);

  const rateCell = (k: 'invited' | 'open') => (_: unknown, r: Row) => (
    <Space orientation="vertical" size={0}>
      <span>{formatRate(r.satisfaction[k])}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('pe.results.valid', { count: r.valid[k] })}
      </Typography.Text>
    </Space>
  );

  const columns: ColumnsType<Row> = [
    {
      title: t('pe.results.rank'),
      dataIndex: 'rank',
      width: 110,
      sorter: (a, b) => (a.rank ?? 9999) - (b.rank ?? 9999),
      render: (v: number | null) => (v === null ? '—' : v),
    },
    {
      title: t('pe.results.unit'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('pe.results.group'), dataIndex: 'groupCode', width: 240, render: (v: string | null) => groupLabel(v) },
    { title: t('pe.class.invited'), key: 'invited', width: 170, align: 'right', sorter: byRate('invited'), render: rateCell('invited') },
    { title: t('pe.class.open'), key: 'open', width: 170, align: 'right', sorter: byRate('open'), render: rateCell('open') },
    {
      title: t('pe.results.combined'),
      key: 'combined',
      width: 150,
      align: 'right',
      sorter: byRate('combined'),
      render: (_: unknown, r) => <Typography.Text strong>{formatRate(r.satisfaction.combined)}</Typography.Text>,
    },
  ];

  const sealed = results.error instanceof ApiError && results.error.code === 'RESULTS_SEALED';
  const a = results.data?.campaign.questionnaire.answers;

  return (
    <>
      <PageHeader title={t('menu.peResults')} subtitle={t('pe.results.subtitle')} />
      {choice.error !== null && <LoadError error={choice.error} onRetry={choice.reload} />}
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <CampaignSelect campaigns={choice.campaigns} value={campaign?.id} onChange={choice.choose} loading={choice.loading} />
        {closed && (
          <>
            <Segmented<Scope>
              value={scope}
              onChange={setScope}
              options={[
                { value: 'apply', label: t('pe.results.apply') },
                { value: 'ignore', label: t('pe.results.ignore') },
              ]}
              data-testid="results-exclusions"
            />
            <Select<string>
              allowClear
              value={group}
              onChange={setGroup}
              placeholder={t('pe.results.allGroups')}
              style={{ minWidth: 200 }}
              options={(groups.data ?? []).filter((g) => groupCodes.has(g.code)).map((g) => ({ value: g.code, label: groupName(g) }))}
              data-testid="results-group"
            />
            <Input.Search allowClear placeholder={t('pe.results.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 200 }} />
          </>
        )}
      </Flex>
      {!choice.loading && choice.campaigns.length === 0 && (
        <Card>
          <Empty description={t('pe.campaign.none')} />
        </Card>
      )}
      {campaign && !closed && (
        <>
          <Alert
            type="info"
            showIcon
            icon={<LockOutlined />}
            title={t('pe.results.sealedTitle')}
            description={campaign.status === 'open' ? t('pe.results.sealed', { name: campaign.name }) : t('pe.results.draft', { name: campaign.name })}
            style={{ marginBottom: 16 }}
            data-testid="results-sealed"
          />
          <ParticipationCard participation={participation.data} live={campaign.status === 'open'} loading={participation.loading} onRefresh={participation.reload} />
        </>
      )}
      {closed && (
        <>
          {results.error !== null && !sealed && <LoadError error={results.error} onRetry={results.reload} />}
          {results.data && a && (
            <Alert
              type={scope === 'ignore' ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              title={
                <Space wrap>
                  <span>
                    {t('pe.results.formula', { s: a.satisfied.weight, b: a.basicallySatisfied.weight, d: a.dissatisfied.weight, rule: ruleLabel(results.data.campaign.rule) })}
                  </span>
                </Space>
              }
              description={
                <Space wrap>
                  <Tag color={results.data.excluded > 0 ? 'orange' : 'default'} data-testid="results-excluded">
                    {results.data.excluded > 0 ? t('pe.results.excludedCount', { count: results.data.excluded }) : t('pe.results.noneExcluded')}
                  </Tag>
                  {scope === 'ignore' && <span>{t('pe.results.ignoreNote')}</span>}
                  <Typography.Text type="secondary">{t('pe.results.expandHint')}</Typography.Text>
                </Space>
              }
            />
          )}
          <Table<Row>
            rowKey="unitId"
            size="middle"
            loading={results.loading}
            dataSource={shown}
            columns={columns}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            locale={results.loading ? { emptyText: ' ' } : undefined}
            expandable={{ expandedRowRender: (r) => <ResultDetail row={r} /> }}
            onRow={(r) => ({ 'data-testid': `result-row-${r.code}` }) as never}
            data-testid="results-table"
          />
        </>
      )}
    </>
  );
}
