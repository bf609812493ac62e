import { useMemo, useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Col, Empty, Flex, Progress, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { PROBLEM_SOURCES, PROBLEM_STATUSES, type ProblemSource, type ProblemStatus } from '@kaoping/shared';
import { useRequest } from '../../../api/use-request';
import { useCurrentUser } from '../../../app/auth-context';
import { ExportButton } from '../../../components/ExcelButtons';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { unitOptions } from '../../../components/unit-options';
import { useI18n } from '../../../i18n/i18n-context';
import { unitsApi } from '../../units/units.api';
import { LIGHTS, LIGHT_COLORS, LightTag, ProblemStatusTag, SourceTag } from './labels';
import { useLinkedFilter } from '../shared/linked-filter';
import { ProblemFormModal } from './ProblemFormModal';
import { problemsApi, type Light, type ProblemDto, type ProblemFilter } from './problems.api';
import { canSupervise, isCityWide } from './roles';

type View = 'unit' | 'source' | 'status';

interface Group {
  key: string;
  label: string;
  total: number;
  open: number;
  lights: Record<Light, number>;
  alert: number;
}


/** The problem ledger (挂账销号): grouped by unit, source or status, filtered, lit, exported. */
export function ProblemsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const cityWide = isCityWide(user.role);
  const [view, setView] = useState<View>(cityWide ? 'unit' : 'status');
  const linked = useLinkedFilter();
  const [filter, setFilter] = useState<ProblemFilter>({
    unitId: linked.unitId,
    light: linked.light,
    alert: linked.alert,
    status: (PROBLEM_STATUSES as readonly string[]).includes(linked.status ?? '') ? (linked.status as ProblemFilter['status']) : undefined,
  });
  const [creating, setCreating] = useState(false);

  const ledger = useRequest(() => problemsApi.list({}), 'problems');
  const units = useRequest(unitsApi.list, 'units', cityWide);
  const all = useMemo(() => ledger.data?.items ?? [], [ledger.data]);

  const items = all.filter((p) => matches(p, filter));

  // The groups count over every other filter, so a chosen group stays beside its siblings.
  const dimension: keyof ProblemFilter = view === 'unit' ? 'unitId' : view;
  const groups = useMemo<Group[]>(() => {
    const rest = { ...filter, [dimension]: undefined };
    const byKey = new Map<string, Group>();
    const keyOf = (p: ProblemDto) => (view === 'unit' ? String(p.unit.id) : view === 'source' ? p.source : p.status);
    const labelOf = (p: ProblemDto) => (view === 'unit' ? p.unit.name : view === 'source' ? t(`problems.source.${p.source}`) : t(`problems.status.${p.status}`));
    if (view === 'source') for (const s of PROBLEM_SOURCES) byKey.set(s, emptyGroup(s, t(`problems.source.${s}`)));
    if (view === 'status') for (const s of PROBLEM_STATUSES) byKey.set(s, emptyGroup(s, t(`problems.status.${s}`)));
    for (const p of all.filter((x) => matches(x, rest))) {
      const key = keyOf(p);
      const g = byKey.get(key) ?? emptyGroup(key, labelOf(p));
      g.total++;
      if (p.status !== 'closed') g.open++;
      if (p.light.light) g.lights[p.light.light]++;
      if (p.light.alert) g.alert++;
      byKey.set(key, g);
    }
    const list = [...byKey.values()];
    return view === 'unit' ? list.sort((a, b) => b.lights.red - a.lights.red || b.open - a.open || a.label.localeCompare(b.label, 'zh-CN')) : list;
  }, [all, filter, view, dimension, t]);

  const selectedGroup = filter[dimension] === undefined ? null : String(filter[dimension]);
  const pickGroup = (key: string) => {
    const value = key === selectedGroup ? undefined : view === 'unit' ? Number(key) : key;
    setFilter((f) => ({ ...f, [dimension]: value }));
  };
  const filtered = Object.values(filter).some((v) => v !== undefined);

  const create = async (body: Parameters<typeof problemsApi.create>[0]) => {
    const p = await problemsApi.create(body);
    void message.success(t('problems.created', { id: p.id }));
    setCreating(false);
    ledger.reload();
  };

  const counts = ledger.data?.counts;

  return (
    <>
      <PageHeader
        title={t('problems.title')}
        subtitle={t('problems.subtitle')}
        extra={
          <>
            <ExportButton run={() => problemsApi.exportXlsx(filter)} />
            {canSupervise(user.role) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="problem-new">
                {t('problems.new')}
              </Button>
            )}
          </>
        }
      />
      {ledger.error !== null && <LoadError error={ledger.error} onRetry={ledger.reload} />}

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {LIGHTS.map((l) => (
          <Col key={l} xs={12} md={6}>
            <Card
              size="small"
              hoverable
              onClick={() => setFilter((f) => ({ ...f, light: f.light === l ? undefined : l }))}
              style={{ borderColor: filter.light === l ? LIGHT_COLORS[l] : undefined, borderTop: `3px solid ${LIGHT_COLORS[l]}` }}
              data-testid={`light-count-${l}`}
            >
              <Flex justify="space-between" align="baseline">
                <Typography.Text>{t(`problems.light.${l}`)}</Typography.Text>
                <Typography.Text strong style={{ fontSize: 22, color: LIGHT_COLORS[l] }}>
                  {counts?.[l] ?? '—'}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`problems.light.${l}Hint`)}
                {l === 'red' && counts?.alert ? ` · ${t('problems.light.alertCount', { count: counts.alert })}` : ''}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={7}>
          <Card
            size="small"
            title={
              <Segmented<View>
                value={view}
                onChange={setView}
                options={[
                  ...(cityWide ? [{ value: 'unit' as const, label: t('problems.view.unit') }] : []),
                  { value: 'source', label: t('problems.view.source') },
                  { value: 'status', label: t('problems.view.status') },
                ]}
                data-testid="problem-view"
              />
            }
          >
            <Table<Group>
              size="small"
              rowKey="key"
              pagination={groups.length > 12 ? { pageSize: 12, size: 'small' } : false}
              dataSource={groups}
              loading={ledger.loading && !ledger.data}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problems.empty')} /> }}
              onRow={(g) => ({ onClick: () => pickGroup(g.key), style: { cursor: 'pointer', background: g.key === selectedGroup ? 'rgba(22,119,255,0.08)' : undefined } })}
              data-testid="problem-groups"
              columns={[
                {
                  key: 'label',
                  title: view === 'unit' ? t('problems.col.unit') : view === 'source' ? t('problems.col.source') : t('problems.col.status'),
                  render: (_, g) => (
                    <Typography.Text strong={g.key === selectedGroup} data-testid={`group-${g.key}`}>
                      {g.label}
                    </Typography.Text>
                  ),
                },
                { key: 'total', title: t('problems.group.total'), align: 'right', width: 52, render: (_, g) => g.total },
                { key: 'open', title: t('problems.group.open'), align: 'right', width: 64, render: (_, g) => g.open },
                {
                  key: 'lights',
                  title: t('problems.group.lights'),
                  width: 116,
                  render: (_, g) => (
                    <Space size={2}>
                      {LIGHTS.filter((l) => g.lights[l] > 0).map((l) => (
                        <Tag key={l} color={LIGHT_COLORS[l]} style={{ marginInlineEnd: 0, minWidth: 24, textAlign: 'center' }} title={t(`problems.light.${l}`)}>
                          {g.lights[l]}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={17}>
          <Card size="small">
            <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
              {cityWide && (
                <Select<number>
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  placeholder={t('problems.filter.unit')}
                  aria-label={t('problems.filter.unit')}
                  style={{ minWidth: 220 }}
                  value={filter.unitId}
                  onChange={(unitId?: number) => setFilter((f) => ({ ...f, unitId }))}
                  options={unitOptions(units.data ?? [])}
                  data-testid="problem-filter-unit"
                />
              )}
              <Select<ProblemSource>
                allowClear
                placeholder={t('problems.filter.source')}
                aria-label={t('problems.filter.source')}
                style={{ minWidth: 130 }}
                value={filter.source}
                onChange={(source?: ProblemSource) => setFilter((f) => ({ ...f, source }))}
                options={PROBLEM_SOURCES.map((s) => ({ value: s, label: t(`problems.source.${s}`) }))}
              />
              <Select<ProblemStatus>
                allowClear
                placeholder={t('problems.filter.status')}
                aria-label={t('problems.filter.status')}
                style={{ minWidth: 150 }}
                value={filter.status}
                onChange={(status?: ProblemStatus) => setFilter((f) => ({ ...f, status }))}
                options={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`problems.status.${s}`) }))}
              />
              <Select<Light>
                allowClear
                placeholder={t('problems.filter.light')}
                aria-label={t('problems.filter.light')}
                style={{ minWidth: 110 }}
                value={filter.light}
                onChange={(light?: Light) => setFilter((f) => ({ ...f, light }))}
                options={LIGHTS.map((l) => ({ value: l, label: t(`problems.light.${l}`) }))}
              />
              {filter.alert && (
                <Tag color="error" closable onClose={() => setFilter((f) => ({ ...f, alert: undefined }))} data-testid="problem-filter-alert">
                  {t('problems.alertOnly')}
                </Tag>
              )}
              {filtered && (
                <Button type="link" onClick={() => setFilter({})}>
                  {t('problems.filter.clear')}
                </Button>
              )}
              <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }} data-testid="problem-count">
                {t('problems.count', { count: items.length })}
              </Typography.Text>
            </Flex>
            <Table<ProblemDto>
              size="middle"
              rowKey="id"
              dataSource={items}
              loading={ledger.loading}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 820 }}
              locale={{ emptyText: <Empty description={filtered ? t('problems.emptyFiltered') : t('problems.empty')} /> }}
              onRow={(p) => ({ 'data-testid': `problem-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
              columns={[
                { key: 'light', title: t('problems.col.light'), width: 96, render: (_, p) => <LightTag problem={p} /> },
                {
                  key: 'title',
                  title: t('problems.col.title'),
                  render: (_, p) => (
                    <Space orientation="vertical" size={0}>
                      <Link to={`/supervision/problems/${p.id}`} data-testid={`problem-link-${p.id}`}>
                        {p.title}
                      </Link>
                      {p.place && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {p.place}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                { key: 'source', title: t('problems.col.source'), width: 96, render: (_, p) => <SourceTag source={p.source} /> },
                {
                  key: 'unit',
                  title: `${t('problems.col.unit')} / ${t('problems.col.leader')}`,
                  width: 150,
                  render: (_, p) => (
                    <Space orientation="vertical" size={0}>
                      <span>{p.unit.name}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.responsibleLeader}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  key: 'deadline',
                  title: `${t('problems.col.deadline')} / ${t('problems.col.progress')}`,
                  width: 130,
                  render: (_, p) => (
                    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                      <span>{p.deadline}</span>
                      <Progress
                        percent={p.progress}
                        size="small"
                        format={() => `${p.requirements.done}/${p.requirements.total}`}
                        status={p.status === 'closed' ? 'success' : 'normal'}
                        aria-label={t('problems.col.progress')}
                      />
                    </Space>
                  ),
                },
                { key: 'status', title: t('problems.col.status'), width: 140, render: (_, p) => <ProblemStatusTag status={p.status} returned={p.returned} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {creating && (
        <ProblemFormModal
          units={(units.data ?? []).filter((u) => u.active)}
          onCreate={create}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}

function matches(p: ProblemDto, f: ProblemFilter): boolean {
  return (
    (f.status === undefined || p.status === f.status) &&
    (f.source === undefined || p.source === f.source) &&
    (f.unitId === undefined || p.unit.id === f.unitId) &&
    (f.light === undefined || p.light.light === f.light) &&
    (!f.alert || p.light.alert)
  );
}

function emptyGroup(key: string, label: string): Group {
  return { key, label, total: 0, open: 0, lights: { green: 0, blue: 0, yellow: 0, red: 0 }, alert: 0 };
}
