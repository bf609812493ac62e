import { useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, DatePicker, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { PROJECT_CATEGORIES, type ProjectCategory } from '@kaoping/shared';
import { errorMessage } from '../../../api/api-error';
import { useRequest } from '../../../api/use-request';
import { useCurrentUser } from '../../../app/auth-context';
import { ExportButton, ImportButton } from '../../../components/ExcelButtons';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';
import { ProjectDrawer } from './ProjectDrawer';
import { MakeTaskModal, SettingsModal } from './ProjectModals';
import { projectsApi, type RatedProject } from './projects.api';
import { LAG_COLOR, RATE_NAMES, RateCell } from './rate-format';
import { OverallRates, UnitRates } from './RatesOverview';
import { todayInZone } from '../../../components/format';

type Status = 'started' | 'due' | 'planned';

const MANAGERS = ['admin', 'office', 'supervisor'];
const TASK_MAKERS = ['admin', 'supervisor'];
const REPORTERS = ['admin', 'office', 'supervisor', 'head', 'reporter'];

/** 已开工; 应开工未开工 (its planned start has passed); 未到计划开工. */
const statusOf = (p: RatedProject, asOf: string): Status => (p.started ? 'started' : p.plannedStart <= dayjs(`${asOf}-01`).endOf('month').format('YYYY-MM-DD') ? 'due' : 'planned');
const STATUS_COLORS: Record<Status, string> = { started: 'green', due: 'red', planned: 'default' };

/** Major projects (重大项目): the four rates against 时序进度, the register, monthly reports and one-step tasks. */
export function ProjectsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const canManage = MANAGERS.includes(user.role);
  const canMakeTask = TASK_MAKERS.includes(user.role);
  const canReport = REPORTERS.includes(user.role);

  // The month shown: chosen, or else the latest month reported.
  const latest = useRequest(() => projectsApi.list({}), 'projects-latest');
  // `?asOf=YYYY-MM&lagging=1` opens on that month with the lagging projects only (how the workbench links to them).
  const [params] = useSearchParams();
  const [picked, setPicked] = useState<string | null>(/^\d{4}-\d{2}$/.test(params.get('asOf') ?? '') ? params.get('asOf') : null);
  const asOf = picked ?? latest.data?.latestReportMonth ?? todayInZone().slice(0, 7);
  const [category, setCategory] = useState<ProjectCategory | undefined>();
  const rates = useRequest(() => projectsApi.rates(asOf, { category }), `rates-${asOf}-${category ?? ''}`, latest.data !== undefined || latest.error !== null);

  const [unitId, setUnitId] = useState<number | undefined>();
  const [status, setStatus] = useState<Status | undefined>();
  const [laggingOnly, setLaggingOnly] = useState(params.get('lagging') === '1');
  const [open, setOpen] = useState<number | null>(null);
  const [tasking, setTasking] = useState<RatedProject | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const data = rates.data;
  const all = useMemo(() => data?.projects ?? [], [data]);
  const items = all.filter(
    (p) => (unitId === undefined || p.unit.id === unitId) && (status === undefined || statusOf(p, asOf) === status) && (!laggingOnly || p.lagging.length > 0),
  );
  const opened = all.find((p) => p.id === open) ?? null;
  const reload = () => {
    rates.reload();
    latest.reload();
  };

  const taskLink = (p: RatedProject) => {
    const task = p.tasks.find((x) => x.status !== 'closed') ?? p.tasks.at(-1);
    return task ? (
      <Link to={`/supervision/tasks/${task.id}`} data-testid={`task-link-${p.code}`}>
        {t('projects.taskLink', { id: task.id })}
      </Link>
    ) : null;
  };

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={
          data
            ? `${t('projects.subtitle')} · ${t('projects.schedule', { value: data.schedule.text })} · ${t('projects.settings.current', {
                label: data.settings.paymentBasisLabel,
                basis: t(data.settings.progressBasis === 'month' ? 'projects.settings.byMonth' : 'projects.settings.byDay'),
              })}`
            : t('projects.subtitle')
        }
        extra={
          <>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${asOf}-01`)}
              onChange={(d) => d && setPicked(d.format('YYYY-MM'))}
              aria-label={t('projects.asOf')}
              data-testid="projects-asof"
            />
            <Select<ProjectCategory>
              allowClear
              placeholder={t('projects.filter.category')}
              value={category}
              onChange={setCategory}
              style={{ width: 130 }}
              options={PROJECT_CATEGORIES.map((c) => ({ value: c, label: t(`projects.category.${c}`) }))}
            />
            {canManage && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void projectsApi.template().catch((err: unknown) => void message.error(errorMessage(err)))}
                data-testid="projects-template"
              >
                {t('projects.template')}
              </Button>
            )}
            {canManage && <ImportButton run={projectsApi.importXlsx} onDone={reload} />}
            <ExportButton run={() => projectsApi.exportXlsx({ unitId, category })} />
            {canManage && (
              <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} disabled={!data} data-testid="projects-settings">
                {t('projects.settings')}
              </Button>
            )}
          </>
        }
      />
      {latest.error !== null && <LoadError error={latest.error} onRetry={latest.reload} />}
      {rates.error !== null && <LoadError error={rates.error} onRetry={rates.reload} />}

      {data && data.overall.projectCount === 0 && !rates.loading ? (
        <Card>
          <Empty description={t('projects.empty')} />
        </Card>
      ) : (
        data && (
          <>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
              {data.scope === 'city' ? t('projects.overall') : t('projects.overallUnit')} ·{' '}
              {t('projects.overallCount', { count: data.overall.projectCount, reported: data.overall.reported })}
            </Typography.Text>
            <OverallRates data={data} />
            {data.units.length > 1 && <UnitRates data={data} pickedUnit={unitId} onPickUnit={setUnitId} />}
          </>
        )
      )}

      {data && data.overall.projectCount > 0 && (
        <Card
          size="small"
          title={t('projects.register')}
          extra={
            <Flex gap={8} wrap align="center">
              {data.units.length > 1 && (
                <Select<number>
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('projects.filter.unit')}
                  value={unitId}
                  onChange={setUnitId}
                  style={{ width: 180 }}
                  options={data.units.map((u) => ({ value: u.unit.id, label: u.unit.name }))}
                  data-testid="filter-unit"
                />
              )}
              <Select<Status>
                allowClear
                placeholder={t('projects.filter.status')}
                value={status}
                onChange={setStatus}
                style={{ width: 150 }}
                options={(['started', 'due', 'planned'] as const).map((s) => ({ value: s, label: t(`projects.status.${s}`) }))}
                data-testid="filter-status"
              />
              <Checkbox checked={laggingOnly} onChange={(e) => setLaggingOnly(e.target.checked)} data-testid="filter-lagging">
                {t('projects.filter.lagging')}
              </Checkbox>
              <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="project-count" data-count={items.length}>
                {t('projects.listCount', { count: items.length })}
              </Typography.Text>
            </Flex>
          }
        >
          <Table<RatedProject>
            size="small"
            rowKey="id"
            loading={rates.loading}
            dataSource={items}
            pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 1100 }}
            data-testid="project-table"
            onRow={(p) => ({ 'data-testid': `project-${p.code}`, 'data-lagging': String(p.lagging.length > 0) }) as object}
            columns={[
              {
                title: t('projects.col.name'),
                key: 'name',
                fixed: 'left',
                width: 250,
                render: (_: unknown, p) => (
                  <Flex vertical>
                    <Typography.Link onClick={() => setOpen(p.id)} data-testid={`open-${p.code}`} style={{ color: p.lagging.length ? LAG_COLOR : 'inherit', fontWeight: p.lagging.length ? 600 : undefined }}>
                      {p.name}
                    </Typography.Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.code} · {t(`projects.category.${p.category}`)}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: `${t('projects.col.unit')} / ${t('projects.col.leader')}`,
                key: 'unit',
                width: 150,
                ellipsis: true,
                render: (_: unknown, p) => (
                  <Flex vertical>
                    <span>{p.unit.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {p.responsibleLeader}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: `${t('projects.col.status')} / ${t('projects.col.plannedStart')}`,
                key: 'status',
                width: 130,
                render: (_: unknown, p) => {
                  const s = statusOf(p, asOf);
                  return (
                    <Flex vertical align="flex-start">
                      <Tag color={STATUS_COLORS[s]}>{t(`projects.status.${s}`)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.plannedStart}
                      </Typography.Text>
                    </Flex>
                  );
                },
              },
              {
                title: t('projects.col.reportMonth'),
                key: 'reportMonth',
                width: 92,
                render: (_: unknown, p) => p.reportMonth ?? <Tag color="orange">{t('projects.notReported')}</Tag>,
              },
              ...RATE_NAMES.map((n) => ({
                title: t(`projects.rate.${n}`),
                key: n,
                width: 100,
                render: (_: unknown, p: RatedProject) => <RateCell rate={p.rates[n]} testId={`rate-${p.code}-${n}`} stacked />,
              })),
              {
                title: t('projects.col.actions'),
                key: 'actions',
                fixed: 'right',
                width: 128,
                render: (_: unknown, p) =>
                  taskLink(p) ??
                  (p.lagging.length > 0 ? (
                    canMakeTask ? (
                      <Button size="small" danger onClick={() => setTasking(p)} data-testid={`make-task-${p.code}`}>
                        {t('projects.makeTask')}
                      </Button>
                    ) : (
                      <Tag color="red">{t('projects.laggingTag')}</Tag>
                    )
                  ) : null),
              },
            ]}
          />
        </Card>
      )}

      {opened && <ProjectDrawer key={opened.id} rated={opened} asOf={asOf} canReport={canReport} canManage={canManage} onClose={() => setOpen(null)} onChanged={reload} />}
      {tasking && (
        <MakeTaskModal
          project={tasking}
          asOf={asOf}
          onClose={() => setTasking(null)}
          onDone={(task) => {
            void message.success(t('projects.taskCreated', { id: task.id }));
            setTasking(null);
            rates.reload();
          }}
        />
      )}
      {settingsOpen && data && (
        <SettingsModal
          settings={data.settings}
          onClose={() => setSettingsOpen(false)}
          onSaved={() => {
            void message.success(t('projects.settings.saved'));
            setSettingsOpen(false);
            rates.reload();
          }}
        />
      )}
    </>
  );
}
